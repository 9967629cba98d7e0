#include "core/jobs/study_session.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/data/label_mapping.h"
#include "core/io/model_config.h"
#include "core/landscape/batch_plan.h"
#include "core/landscape/content_hash.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/models/precision_support.h"
#include "core/text/tokenizer_loader.h"

#include <ATen/ATen.h>

#include <filesystem>
#include <optional>

namespace bs {

namespace fs = std::filesystem;

std::vector<std::string> studyModelLabels(const Study& study) {
    if (!study.modelLabelNames.empty())
        return study.modelLabelNames;
    if (study.models.empty())
        throw Error("the study has no models");
    return readModelConfig(fs::path(study.models.front().path) / "config.json").id2label;
}

namespace {

at::Device parseDevice(const std::string& device) {
    if (device == "cpu")
        return at::kCPU;
    if (device == "cuda") {
        if (!at::hasCUDA())
            throw Error("--device cuda: this build of LibTorch has no CUDA support (or no GPU "
                        "is visible); use --device cpu");
        return at::Device(at::kCUDA, 0);
    }
    throw Error("unknown device '" + device + "': use cpu or cuda");
}

// Reloads a dataset from its spec and checks that the study's rows are still there.
Dataset reloadDataset(const DatasetEntry& entry) {
    const Dataset dataset = loadDataset(parseDatasetSpec(entry.spec));
    std::vector<int64_t> rows;
    rows.reserve(dataset.examples.size());
    for (const Example& example : dataset.examples)
        rows.push_back(example.row);
    if (rows != entry.sampleRows)
        throw Error("dataset '" + entry.name + "' (" + entry.source +
                    "): the file no longer gives the rows this study was computed on (" +
                    std::to_string(rows.size()) + " rows now, " +
                    std::to_string(entry.sampleRows.size()) +
                    " in the study); restore the file or create a new study");
    if (dataset.labelNames != entry.labelNames)
        throw Error("dataset '" + entry.name + "' (" + entry.source +
                    "): its label names changed since the study was created");
    return dataset;
}

} // namespace

StudySession::StudySession(const Study& study, const ComputeOptions& options) {
    if (study.models.empty())
        throw Error("the study has no models: add models first");
    if (study.datasets.empty())
        throw Error("the study has no datasets: add a surface dataset first");
    const fs::path firstFolder = study.models.front().path;
    const ModelConfig config = readModelConfig(firstFolder / "config.json");
    const at::Device device = parseDevice(options.device);
    m_precision = options.precision.value_or(defaultPrecision(device));
    requirePrecisionSupported(m_precision, device);
    m_space = std::make_unique<ParameterSpace>(config, device);
    m_space->model().setPrecision(m_precision);

    std::vector<fs::path> paths;
    for (const ModelEntry& model : study.models)
        paths.emplace_back(model.path);
    const int64_t budget = options.memoryBytes > 0 ? options.memoryBytes : defaultMemoryBudget();
    m_cache = std::make_unique<ModelCache>(*m_space, paths, budget);
    m_cache->onLoad = [this, &study](int64_t index, const at::Tensor& flat) {
        const std::string hash = contentHash(flat);
        const ModelEntry& model = study.models[static_cast<size_t>(index)];
        if (!model.contentHash.empty() && model.contentHash != hash)
            throw Error(model.path +
                        ": the checkpoint changed since the study used it (content "
                        "hash " +
                        hash + ", study has " + model.contentHash +
                        "); results would mix two models. Restore it, or remove and re-add "
                        "the model");
        m_hashes[index] = hash;
    };

    // One tokenizer for the study: the models share a pre-trained network, so its vocabulary.
    std::optional<WordPieceTokenizer> tokenizer;
    const std::vector<std::string> modelLabels = studyModelLabels(study);
    EvalOptions evalOptions;
    evalOptions.batchSize = options.batchSize;
    evalOptions.device = device;
    evalOptions.tokenBudget = options.tokenBudget.value_or(
        defaultTokenBudget(m_precision != Precision::Fp32, device.is_cuda()));
    for (const DatasetEntry& entry : study.datasets) {
        const Dataset dataset = reloadDataset(entry);
        if (!dataset.pretokenized && !tokenizer)
            tokenizer = loadTokenizerForModel(firstFolder);
        const EncodedDataset encoded =
            encodeDataset(dataset, tokenizer ? &*tokenizer : nullptr, study.maxLength, entry.name);
        LabelMapping mapping;
        try {
            mapping = mapLabels(dataset.labelNames, modelLabels);
        } catch (const Error& e) {
            throw Error("dataset '" + entry.name + "': " + e.what());
        }
        m_evaluators.push_back(
            std::make_unique<Evaluator>(encoded, config, std::move(mapping), evalOptions));
    }
}

StudySession::~StudySession() = default;

int64_t StudySession::batchesPerPoint() const {
    int64_t total = 0;
    for (const auto& evaluator : m_evaluators)
        total += evaluator->batches();
    return total;
}

std::vector<Evaluation>
StudySession::evaluateWorking(const std::function<void()>& onBatch,
                              std::vector<std::vector<float>>* exampleLosses) const {
    std::vector<Evaluation> results;
    results.reserve(m_evaluators.size());
    if (exampleLosses)
        exampleLosses->assign(m_evaluators.size(), {});
    for (size_t d = 0; d < m_evaluators.size(); ++d)
        results.push_back(m_evaluators[d]->evaluate(
            m_space->model(),
            [&](int64_t, int64_t) {
                if (onBatch)
                    onBatch();
            },
            exampleLosses ? &(*exampleLosses)[d] : nullptr));
    return results;
}

} // namespace bs
