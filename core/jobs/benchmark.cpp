#include "core/jobs/benchmark.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_space.h"
#include "core/models/precision_support.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace bs {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// splitmix64: small, fast and the same on every platform.
struct SplitMix {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
};

void synchronize(const at::Device& device) {
    if (device.is_cuda())
        torch::cuda::synchronize(device.index());
}

// Best of several runs of a large matrix product in `precision`: the machine's practical
// peak for the products the evaluation runs.
double measureMatmul(const at::Device& device, Precision precision, std::string& kind) {
    const bool cuda = device.is_cuda();
    const int64_t n = cuda ? 8192 : 2048;
    const auto options = at::TensorOptions().device(device).dtype(precisionDtype(precision));
    const at::Tensor a = at::randn({n, n}, options);
    const at::Tensor b = at::randn({n, n}, options);
    at::Tensor c = at::mm(a, b); // warm-up (thread pools, cuBLAS handles)
    synchronize(device);
    double best = 1e30;
    for (int run = 0; run < 5; ++run) {
        const auto start = Clock::now();
        at::mm_out(c, a, b);
        synchronize(device);
        best = std::min(best, seconds(start));
    }
    kind = (precision == Precision::Fp32 ? std::string("sgemm ")
                                         : std::string(precisionName(precision)) + " gemm ") +
           std::to_string(n);
    return 2.0 * double(n) * double(n) * double(n) / best / 1e9;
}

EncodedDataset syntheticDataset(const ModelConfig& config, const BenchmarkOptions& options) {
    EncodedDataset data;
    data.name = "synthetic";
    data.labelNames = config.id2label;
    const std::vector<int64_t> lengths = mnliLikeLengths(
        options.examples, options.seed, std::min(options.maxLength, config.maxPositions));
    SplitMix rng{options.seed * 7919 + 17};
    const int64_t firstWord = std::min<int64_t>(1000, config.vocabSize / 2);
    for (int64_t i = 0; i < options.examples; ++i) {
        const int64_t length = lengths[static_cast<size_t>(i)];
        std::vector<int64_t> ids(static_cast<size_t>(length));
        std::vector<int64_t> types(static_cast<size_t>(length), 0);
        for (int64_t t = 0; t < length; ++t)
            ids[static_cast<size_t>(t)] =
                firstWord +
                static_cast<int64_t>(rng.next() % uint64_t(config.vocabSize - firstWord));
        for (int64_t t = length / 2; t < length && config.typeVocabSize > 1; ++t)
            types[static_cast<size_t>(t)] = 1;
        data.inputIds.push_back(std::move(ids));
        data.tokenTypeIds.push_back(std::move(types));
        data.labels.push_back(static_cast<int64_t>(rng.next() % uint64_t(config.numLabels())));
        data.rows.push_back(i);
    }
    return data;
}

std::string describeGeometry(const ModelConfig& c) {
    return std::to_string(c.numLayers) + " layers, hidden " + std::to_string(c.hiddenSize) + ", " +
           std::to_string(c.numHeads) + " heads, FFN " + std::to_string(c.intermediateSize);
}

} // namespace

ModelConfig benchmarkGeometry(const std::string& name) {
    int64_t layers = 0, hidden = 0, heads = 0, ffn = 0;
    if (name == "bert-mini") {
        layers = 4, hidden = 256;
    } else if (name == "bert-small") {
        layers = 4, hidden = 512;
    } else if (name == "bert-medium") {
        layers = 8, hidden = 512;
    } else if (name == "bert-base") {
        layers = 12, hidden = 768;
    } else {
        int64_t values[4] = {0, 0, 0, 0};
        int count = 0;
        size_t start = 0;
        while (count < 4 && start <= name.size()) {
            const size_t comma = name.find(',', start);
            try {
                values[count++] = std::stoll(name.substr(start, comma - start));
            } catch (const std::exception&) {
                count = -1;
                break;
            }
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        if (count != 2 && count != 4)
            throw Error("unknown geometry '" + name +
                        "': use bert-mini, bert-small, bert-medium, bert-base, L,H or L,H,A,I");
        layers = values[0], hidden = values[1], heads = values[2], ffn = values[3];
    }
    if (heads == 0)
        heads = std::max<int64_t>(1, hidden / 64);
    if (ffn == 0)
        ffn = 4 * hidden;
    if (layers < 1 || hidden < 1 || heads < 1 || ffn < 1 || hidden % heads != 0)
        throw Error("geometry '" + name +
                    "': layers, hidden, heads and FFN must be positive and "
                    "hidden divisible by heads");
    ModelConfig config;
    config.family = ModelFamily::Bert;
    config.modelType = "bert";
    config.vocabSize = 30522;
    config.hiddenSize = hidden;
    config.numLayers = layers;
    config.numHeads = heads;
    config.intermediateSize = ffn;
    config.maxPositions = 512;
    config.typeVocabSize = 2;
    config.id2label = {"entailment", "neutral", "contradiction"};
    return config;
}

std::vector<int64_t> mnliLikeLengths(int64_t count, uint64_t seed, int64_t maxLength) {
    // MNLI premise+hypothesis pairs under BERT's WordPiece: mean ~39 tokens, long right tail.
    const double sigma = 0.45;
    const double mu = std::log(39.0) - 0.5 * sigma * sigma;
    SplitMix rng{seed};
    std::vector<int64_t> lengths;
    lengths.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
        // Box-Muller from two uniforms in (0, 1].
        const double u1 = 1.0 - rng.uniform();
        const double u2 = rng.uniform();
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
        const auto length = static_cast<int64_t>(std::lround(std::exp(mu + sigma * z)));
        lengths.push_back(std::clamp<int64_t>(length, 6, maxLength));
    }
    return lengths;
}

double bertForwardFlops(const ModelConfig& c, int64_t length) {
    const double L = double(length), H = double(c.hiddenSize), I = double(c.intermediateSize);
    const double perLayer = 2.0 * L * H * H * 4    // Q, K, V and output projections
                            + 2.0 * L * L * H * 2  // scores and weighted values
                            + 2.0 * L * H * I * 2; // FFN in and out
    const double head = 2.0 * H * H + 2.0 * H * double(c.numLabels()); // pooler + classifier
    return perLayer * double(c.numLayers) + head;
}

BenchmarkResult runBenchmark(const BenchmarkOptions& options,
                             const std::function<void(const std::string&)>& log) {
    auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    if (options.points < 2)
        throw Error("--points must be at least 2");
    at::Device device = at::kCPU;
    if (options.device == "cuda") {
        if (!at::hasCUDA())
            throw Error("--device cuda: this LibTorch has no CUDA support; use --device cpu");
        device = at::Device(at::kCUDA, 0);
    } else if (options.device != "cpu") {
        throw Error("unknown device '" + options.device + "'");
    }

    BenchmarkResult result;
    result.precision = options.precision.value_or(defaultPrecision(device));
    requirePrecisionSupported(result.precision, device);
    std::optional<ParameterSpace> space;
    at::Tensor a, b;
    std::optional<EncodedDataset> data;
    LabelMapping mapping;
    if (!options.modelA.empty()) {
        if (options.modelB.empty() || options.datasetSpec.empty())
            throw Error("bench with checkpoints needs --model-a, --model-b and --dataset");
        auto readerA = CheckpointReader::open(options.modelA);
        auto readerB = CheckpointReader::open(options.modelB);
        space.emplace(readerA->config(), device);
        a = space->load(*readerA);
        b = space->load(*readerB);
        const Dataset dataset = loadDataset(parseDatasetSpec(options.datasetSpec));
        std::optional<WordPieceTokenizer> tokenizer;
        if (!dataset.pretokenized)
            tokenizer = loadTokenizerForModel(options.modelA);
        data = encodeDataset(dataset, tokenizer ? &*tokenizer : nullptr, options.maxLength,
                             options.datasetSpec);
        mapping =
            mapLabels(dataset.labelNames, options.modelLabels.empty() ? readerA->config().id2label
                                                                      : options.modelLabels);
    } else {
        const ModelConfig config = benchmarkGeometry(options.geometry);
        space.emplace(config, device);
        for (int which = 0; which < 2; ++which) {
            auto model = createClassifier(config);
            initializeWeights(*model, options.seed + static_cast<uint64_t>(which));
            (which == 0 ? a : b) = space->flatten(*model);
            space->setName(which == 0 ? a : b, "synthetic model " + std::to_string(which + 1));
        }
        data = syntheticDataset(config, options);
        mapping = mapLabels(config.id2label, config.id2label);
    }
    const ModelConfig& config = space->config();
    space->model().setPrecision(result.precision);
    result.geometry = describeGeometry(config);
    result.device =
        device.is_cuda() ? "cuda" : "cpu (" + std::to_string(at::get_num_threads()) + " threads)";

    EvalOptions evalOptions;
    evalOptions.batchSize = options.batchSize;
    evalOptions.device = device;
    result.tokenBudget = options.tokenBudget.value_or(
        defaultTokenBudget(result.precision != Precision::Fp32, device.is_cuda()));
    evalOptions.tokenBudget = result.tokenBudget;
    const Evaluator evaluator(*data, config, mapping, evalOptions);
    result.batches = evaluator.batches();
    result.examples = data->size();
    result.realTokens = evaluator.plan().realTokens();
    result.paddedTokens = evaluator.plan().paddedTokens();
    for (const auto& ids : data->inputIds)
        result.flopsPerPoint += bertForwardFlops(config, static_cast<int64_t>(ids.size()));

    result.matmulGflops = measureMatmul(device, result.precision, result.matmulKind);
    say("matmul: " + result.matmulKind + " " + std::to_string(result.matmulGflops) + " GFLOP/s");

    // Warm-up point (allocator, thread pool), not timed.
    space->lerp(a, b, 0.5);
    evaluator.evaluate(space->model());
    synchronize(device);
    for (int64_t k = 0; k < options.points; ++k) {
        const double alpha = double(k) / double(options.points - 1);
        const auto start = Clock::now();
        space->lerp(a, b, alpha);
        const Evaluation e = evaluator.evaluate(space->model());
        synchronize(device);
        result.pointSeconds.push_back(seconds(start));
        say("point " + std::to_string(k + 1) + "/" + std::to_string(options.points) + ": alpha " +
            std::to_string(alpha) + ", loss " + std::to_string(e.loss) + ", " +
            std::to_string(result.pointSeconds.back() * 1e3) + " ms");
    }
    std::vector<double> sorted = result.pointSeconds;
    std::sort(sorted.begin(), sorted.end());
    result.medianSeconds = sorted[sorted.size() / 2];
    result.tokensPerSecond = double(result.realTokens) / result.medianSeconds;
    result.achievedGflops = result.flopsPerPoint / result.medianSeconds / 1e9;
    result.rooflineRatio = result.achievedGflops / result.matmulGflops;
    return result;
}

} // namespace bs
