#include "core/zoo/zoo_builder.h"

#include "core/common/error.h"
#include "core/common/metric.h"
#include "core/data/dataset_reader.h"
#include "core/io/checkpoint.h"
#include "core/io/content_hash.h"
#include "core/io/model_config.h"
#include "core/io/safetensors_writer.h"
#include "core/landscape/encoded_dataset.h"
#include "core/models/sequence_classifier.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/zoo/fine_tuning.h"
#include "core/zoo/pretraining.h"
#include "core/zoo/toy_files.h"
#include "core/zoo/training.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>

namespace bs::zoo {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Restores LibTorch's and OpenBLAS's thread counts when the build ends (or throws).
class SingleThreadScope {
public:
    SingleThreadScope()
        : m_previous(useSingleThread()) {}
    ~SingleThreadScope() { restoreThreads(m_previous); }

private:
    int m_previous;
};

std::vector<ToySentence> sampleRows(SentenceGenerator& gen, int count, double counterRate) {
    std::vector<ToySentence> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        out.push_back(gen.sample(counterRate));
    return out;
}

// Diagnostic rows: labels balanced (alternating), every row with the same cue relation.
std::vector<ToySentence> diagnosticRows(SentenceGenerator& gen, int count, CueKind cue) {
    std::vector<ToySentence> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        out.push_back(gen.make(i % 2 == 0, cue));
    return out;
}

void writeData(const ZooRecipe& recipe, const fs::path& dir) {
    const DataRecipe& d = recipe.data;
    const Lexicon lexicon = Lexicon::standard(d.people, d.animals);
    writeVocabulary(dir / "vocab.txt", lexicon);

    // The two training files hold the same sentences and labels; only the cue words differ
    // (drawn from one generator each, seeded alike), so that a regime is the counter-example
    // rate and nothing else. One generator per file, so that changing one file's size leaves
    // the others as they were.
    const uint64_t trainSeed = deriveSeed(d.seed, "train");
    SentenceGenerator natural(lexicon, d.grammar, trainSeed);
    writeColaTsv(dir / "train_natural.tsv", sampleRows(natural, d.trainRows, d.naturalCounterRate),
                 lexicon);
    SentenceGenerator balanced(lexicon, d.grammar, trainSeed);
    writeColaTsv(dir / "train_balanced.tsv",
                 sampleRows(balanced, d.trainRows, d.balancedCounterRate), lexicon);

    SentenceGenerator devGen(lexicon, d.grammar, deriveSeed(d.seed, "dev"));
    writeColaTsv(dir / "dev.tsv", sampleRows(devGen, d.devRows, 0.0), lexicon);
    SentenceGenerator conflictGen(lexicon, d.grammar, deriveSeed(d.seed, "cue-conflicts"));
    writeColaTsv(dir / "cue_conflicts.tsv",
                 diagnosticRows(conflictGen, d.diagnosticRows, CueKind::Conflicts), lexicon);
    SentenceGenerator noCueGen(lexicon, d.grammar, deriveSeed(d.seed, "no-cue"));
    writeColaTsv(dir / "no_cue.tsv", diagnosticRows(noCueGen, d.diagnosticRows, CueKind::Absent),
                 lexicon);
}

void writeCheckpoint(const fs::path& dir, const ModelConfig& config,
                     const std::vector<NamedTensor>& tensors, const fs::path& vocab) {
    fs::create_directories(dir);
    writeModelConfig(config, dir / "config.json");
    std::vector<NamedTensor> contiguous;
    for (const NamedTensor& t : tensors)
        contiguous.push_back({t.name, t.tensor.detach().contiguous()});
    writeSafetensors(dir / "model.safetensors", contiguous);
    fs::copy_file(vocab, dir / "vocab.txt", fs::copy_options::overwrite_existing);
    writeTokenizerConfig(dir / "tokenizer_config.json");
}

Dataset loadTrain(const fs::path& path) {
    DatasetSpec spec;
    spec.path = path;
    spec.format = "cola";
    return loadDataset(spec);
}

json scoresToJson(const ZooModelScores& s) {
    const std::string& accuracy = metricId(Metric::Accuracy);
    json j;
    j["dev"] = {{accuracy, s.devAccuracy}, {"loss", s.devLoss}};
    j["cue_conflicts"] = {{accuracy, s.conflictsAccuracy}, {"loss", s.conflictsLoss}};
    j["no_cue"] = {{accuracy, s.noCueAccuracy}, {"loss", s.noCueLoss}};
    return j;
}

std::vector<std::string> listFiles(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        const std::string rel = fs::relative(entry.path(), dir).generic_string();
        if (rel != kManifestFile)
            files.push_back(rel);
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool isZooEntry(const std::string& name) {
    return name == "data" || name == "pretrained" || name == "README.md" || name == kManifestFile ||
           name.find("-seed-") != std::string::npos;
}

// Makes `dir` ready for a build: created, or emptied of an earlier zoo when forced.
void prepareFolder(const fs::path& dir, bool force) {
    if (!fs::exists(dir)) {
        fs::create_directories(dir);
        return;
    }
    if (!fs::is_directory(dir))
        throwFileError(dir.string(), "exists and is not a folder");
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(dir))
        entries.push_back(entry.path());
    if (entries.empty())
        return;
    const bool isZoo = fs::exists(dir / kManifestFile);
    if (!isZoo)
        throwFileError(dir.string(), "the folder is not empty and holds no zoo (no " +
                                         std::string(kManifestFile) + "); choose an empty folder");
    if (!force)
        throwFileError(dir.string(), "holds a zoo made with another recipe or with damaged "
                                     "files; use --force to rebuild it");
    for (const fs::path& p : entries)
        if (!isZooEntry(p.filename().string()))
            throwFileError(dir.string(), "holds '" + p.filename().string() +
                                             "', which is not part of a zoo; remove it or "
                                             "choose another folder");
    for (const fs::path& p : entries)
        fs::remove_all(p);
}

// The recipe fields pre-training depends on.
json pretrainingKey(const json& recipe) {
    json key;
    key["model"] = recipe.at("model");
    key["pretrain"] = recipe.at("pretrain");
    for (const char* f : {"people", "animals", "place", "modifier"})
        key["data"][f] = recipe.at("data").at(f);
    return key;
}

std::string fixed(double v, int digits = 3) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
    return buffer;
}

std::string readmeText(const json& manifest) {
    std::string t = "# Demo zoo: " + manifest["kind"].get<std::string>() +
                    "\n\n"
                    "Generated by BasinScope; do not edit (see docs/zoo.md for how and why).\n\n"
                    "Command: `" +
                    manifest["command"].get<std::string>() +
                    "`\n\nThe full recipe, the file hashes and the scores below are in "
                    "MANIFEST.json. Accuracies on the full files.\n\n"
                    "| model | regime | dev acc | dev loss | cue-conflicts acc | no-cue acc |\n"
                    "|---|---|---|---|---|---|\n";
    const std::string& accuracy = metricId(Metric::Accuracy);
    for (const json& m : manifest["models"])
        t += "| " + m["name"].get<std::string>() + " | " + m["regime"].get<std::string>() + " | " +
             fixed(m["dev"][accuracy]) + " | " + fixed(m["dev"]["loss"], 4) + " | " +
             fixed(m["cue_conflicts"][accuracy]) + " | " + fixed(m["no_cue"][accuracy]) + " |\n";
    t += "\nPre-training: masked-LM loss " + fixed(manifest["pretraining"]["mlm_loss"]) + "\n";
    return t;
}

} // namespace

json readZooManifest(const fs::path& dir) {
    const fs::path file = dir / kManifestFile;
    std::ifstream in(file);
    if (!in)
        throwFileError(file.string(), "cannot open the zoo manifest");
    json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("files") || !j.contains("models") ||
        !j.contains("recipe"))
        throwFileError(file.string(), "not a zoo manifest (expected JSON with recipe, models and "
                                      "files)");
    return j;
}

std::vector<std::string> verifyZoo(const fs::path& dir) {
    std::vector<std::string> problems;
    const json manifest = readZooManifest(dir);
    for (const auto& [rel, hash] : manifest["files"].items()) {
        const fs::path path = dir / rel;
        if (!fs::exists(path)) {
            problems.push_back(rel + " is missing");
            continue;
        }
        if (hashFileContents(path) != hash.get<std::string>())
            problems.push_back(rel + " differs from the manifest's hash");
    }
    return problems;
}

std::vector<int64_t> zooCheckpointSteps(const fs::path& dir) {
    const json manifest = readZooManifest(dir);
    std::vector<int64_t> steps = manifest["recipe"]["finetune"]["checkpoints"];
    std::sort(steps.begin(), steps.end());
    return steps;
}

std::vector<fs::path> zooModelFolders(const fs::path& dir) {
    std::vector<fs::path> out;
    const json manifest = readZooManifest(dir);
    for (const json& m : manifest["models"])
        out.push_back(dir / m["name"].get<std::string>());
    return out;
}

void buildZoo(const ZooBuildOptions& options) {
    const ZooRecipe& recipe = options.recipe;
    recipe.validate();
    std::mutex outputMutex; // workers log and report progress concurrently
    const auto log = [&](const std::string& line) {
        const std::lock_guard<std::mutex> lock(outputMutex);
        if (options.log)
            options.log(line);
    };
    const SingleThreadScope threads;
    const fs::path out = options.out;
    prepareFolder(out, options.force);

    log("writing the toy-language data to " + (out / "data").string());
    writeData(recipe, out / "data");
    const fs::path vocab = out / "data" / "vocab.txt";
    const WordPieceTokenizer tokenizer = WordPieceTokenizer::fromVocabFile(vocab);
    const ModelConfig config = recipe.modelConfig(tokenizer.vocabSize());

    const int64_t total =
        int64_t(recipe.pretrain.steps) + int64_t(recipe.models) * recipe.finetune.steps;
    std::atomic<int64_t> done{0};
    const auto advance = [&](const std::string& message) {
        const int64_t d = ++done;
        const std::lock_guard<std::mutex> lock(outputMutex);
        options.progress.step(d, total, message);
    };

    // Pre-training (or the encoder of a compatible zoo).
    PretrainResult pre;
    std::vector<NamedTensor> encoder;
    if (!options.reusePretrained.empty()) {
        const json other = readZooManifest(options.reusePretrained);
        if (pretrainingKey(other["recipe"]) != pretrainingKey(recipeToJson(recipe)))
            throwFileError(options.reusePretrained.string(),
                           "its recipe differs in what pre-training depends on (model, pretrain, "
                           "lexicon or grammar); cannot reuse its encoder");
        const fs::path from = options.reusePretrained / "pretrained";
        fs::create_directories(out / "pretrained");
        for (const char* f :
             {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"})
            fs::copy_file(from / f, out / "pretrained" / f, fs::copy_options::overwrite_existing);
        const auto reader = CheckpointReader::open(out / "pretrained");
        for (const TensorInfo& info : reader->tensors())
            if (info.name.rfind("bert.", 0) == 0)
                encoder.push_back({info.name, reader->read(info.name, at::kFloat)});
        pre.mlmLoss = other["pretraining"]["mlm_loss"].get<double>();
        done += recipe.pretrain.steps;
        log("reusing the pre-trained encoder of " + options.reusePretrained.string());
    } else {
        std::unique_ptr<SequenceClassifier> base = createClassifier(config);
        log("pre-training the encoder (" + std::to_string(recipe.pretrain.steps) + " steps)");
        pre = pretrainEncoder(*base, recipe, tokenizer, [&](int64_t, int64_t, double mlm) {
            advance("pre-training, MLM loss " + fixed(mlm));
        });
        for (const NamedTensor& t : base->parameters().items())
            if (t.name.rfind("bert.", 0) == 0)
                encoder.push_back({t.name, t.tensor.detach().clone()});
        ModelConfig preConfig = config;
        preConfig.architecture = "BertForMaskedLM";
        std::vector<NamedTensor> tensors = encoder;
        tensors.insert(tensors.end(), pre.heads.begin(), pre.heads.end());
        writeCheckpoint(out / "pretrained", preConfig, tensors, vocab);
    }
    log("pre-trained: MLM loss " + fixed(pre.mlmLoss));

    // Fine-tuning data, read back through the CoLA reader.
    const EncodedDataset trainNatural = encodeDataset(loadTrain(out / "data" / "train_natural.tsv"),
                                                      &tokenizer, config.maxPositions);
    const EncodedDataset trainBalanced = encodeDataset(
        loadTrain(out / "data" / "train_balanced.tsv"), &tokenizer, config.maxPositions);
    const ZooEvaluation evaluation(out / "data", tokenizer, config);

    std::vector<json> records(size_t(recipe.models));
    std::atomic<int> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    std::atomic<bool> stop{false};
    const auto worker = [&]() {
        try {
            for (;;) {
                const int k = next++;
                if (k >= recipe.models || stop)
                    return;
                const std::string name = recipe.modelName(k);
                const DataRegime regime = recipe.regimeOf(k);
                const uint64_t seed = recipe.finetune.seed + uint64_t(k);
                std::unique_ptr<SequenceClassifier> model = createClassifier(config);
                fineTune(
                    *model, encoder, regime == DataRegime::Natural ? trainNatural : trainBalanced,
                    recipe.finetune, seed,
                    [&](int step, const SequenceClassifier& m) {
                        const fs::path dir =
                            step == recipe.finetune.steps
                                ? out / name
                                : out / name / ("checkpoint-" + std::to_string(step));
                        writeCheckpoint(dir, config, m.parameters().items(), vocab);
                    },
                    [&](int64_t, int64_t, double loss) {
                        if (stop)
                            throw Cancelled();
                        advance(name + ", loss " + fixed(loss));
                    });
                const ZooModelScores scores = evaluation.evaluate(*model);
                json record;
                record["name"] = name;
                record["regime"] = dataRegimeName(regime);
                record["seed"] = seed;
                record["checkpoints"] = recipe.finetune.checkpoints;
                json s = scoresToJson(scores);
                for (auto& [key, value] : s.items())
                    record[key] = value;
                records[size_t(k)] = record;
                log(name + ": dev " + fixed(scores.devAccuracy) + " (loss " +
                    fixed(scores.devLoss, 4) + "), cue-conflicts " +
                    fixed(scores.conflictsAccuracy) + ", no-cue " + fixed(scores.noCueAccuracy));
            }
        } catch (...) {
            const std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
    };
    const int jobs = std::max(1, std::min(options.jobs, recipe.models));
    std::vector<std::thread> pool;
    for (int j = 1; j < jobs; ++j)
        pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);

    json manifest;
    manifest["format"] = "basinscope-zoo";
    manifest["version"] = 1;
    manifest["kind"] = recipe.name;
    manifest["command"] = options.command;
    manifest["recipe"] = recipeToJson(recipe);
    manifest["pretraining"] = {{"mlm_loss", pre.mlmLoss}};
    if (!options.reusePretrained.empty())
        manifest["pretraining"]["reused_from"] = options.reusePretrained.string();
    manifest["models"] = records;
    manifest["caveat"] = "Bit-identical for the same recipe on the same LibTorch/BLAS build; "
                         "training runs on one thread, other CPUs or libraries may round "
                         "differently.";
    writeTextFile(out / "README.md", readmeText(manifest));
    json files = json::object();
    for (const std::string& rel : listFiles(out))
        files[rel] = hashFileContents(out / rel);
    manifest["files"] = files;
    writeTextFile(out / kManifestFile, manifest.dump(2) + "\n");
    log("zoo written to " + out.string());
}

ZooStatus ensureZoo(const ZooBuildOptions& options) {
    const fs::path manifestFile = options.out / kManifestFile;
    if (fs::exists(manifestFile)) {
        const json manifest = readZooManifest(options.out);
        const bool sameRecipe = manifest["recipe"] == recipeToJson(options.recipe);
        const std::vector<std::string> problems =
            sameRecipe ? verifyZoo(options.out) : std::vector<std::string>{};
        if (sameRecipe && problems.empty())
            return ZooStatus::UpToDate;
        if (!options.force) {
            std::string why = sameRecipe ? "its files changed: " + problems.front()
                                         : "it was made with another recipe";
            throwFileError(options.out.string(),
                           "holds a zoo, but " + why + "; use --force to rebuild it");
        }
    }
    buildZoo(options);
    return ZooStatus::Built;
}

} // namespace bs::zoo
