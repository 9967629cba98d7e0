#include "core/jobs/study_builder.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/io/model_config.h"
#include "core/landscape/architecture.h"
#include "core/models/sequence_classifier.h"

#include <glob.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace bs {

namespace fs = std::filesystem;

NamedDatasetSpec parseNamedDatasetSpec(const std::string& text, DatasetRole role) {
    NamedDatasetSpec named;
    named.role = role;
    std::string rest = text;
    const size_t eq = text.find('=');
    const size_t colon = text.find(':');
    // "name=" only counts before the first ':' (filters later in the spec use '=' too).
    if (eq != std::string::npos && (colon == std::string::npos || eq < colon)) {
        named.name = text.substr(0, eq);
        rest = text.substr(eq + 1);
    }
    named.spec = parseDatasetSpec(rest);
    if (named.name.empty())
        named.name = named.spec.path.stem().string();
    static const std::regex valid("[A-Za-z0-9._-]+");
    if (!std::regex_match(named.name, valid))
        throw Error("dataset name '" + named.name +
                    "' may only use letters, digits, '.', '_' and '-' (write NAME=FILE:FORMAT)");
    return named;
}

std::vector<fs::path> resolveModelFolders(const std::vector<std::string>& patterns) {
    std::vector<fs::path> folders;
    std::map<std::string, fs::path> seen; // real folder -> the path it was first given as
    for (const std::string& pattern : patterns) {
        std::vector<fs::path> matches;
        glob_t g{};
        const int rc = ::glob(pattern.c_str(), GLOB_NOCHECK | GLOB_TILDE, nullptr, &g);
        if (rc == 0)
            for (size_t i = 0; i < g.gl_pathc; ++i)
                matches.emplace_back(g.gl_pathv[i]);
        globfree(&g);
        std::sort(matches.begin(), matches.end());
        bool any = false;
        for (const fs::path& match : matches) {
            if (!fs::exists(match)) {
                if (pattern.find_first_of("*?[") != std::string::npos)
                    throw Error("model pattern '" + pattern + "' matches no folder");
                throw Error(match.string() + ": no such model folder");
            }
            if (!fs::is_directory(match))
                continue; // a glob may also match files beside the run folders
            if (!fs::exists(match / "config.json")) {
                if (pattern.find_first_of("*?[") == std::string::npos)
                    throw Error(match.string() +
                                ": not a checkpoint folder (no config.json; expected what "
                                "save_pretrained writes)");
                continue;
            }
            const std::string key = fs::weakly_canonical(match).string();
            const fs::path given = fs::absolute(match).lexically_normal();
            const auto [it, added] = seen.emplace(key, given);
            if (added)
                folders.push_back(given);
            else if (it->second != given)
                // Overlapping patterns naming one folder twice are harmless; two names for one
                // folder (a symlink) would silently become one model.
                throw Error(given.string() + " and " + it->second.string() +
                            " are the same folder (" + key +
                            "); a checkpoint can be in a study once. Copy it to compare a "
                            "model with itself");
            any = true;
        }
        if (!any)
            throw Error("model pattern '" + pattern + "' matches no folder with a config.json");
    }
    if (folders.empty())
        throw Error("no models given");
    return folders;
}

ModelEntry describeModelFolder(const fs::path& folder) {
    ModelEntry entry;
    fs::path clean = folder.lexically_normal();
    if (clean.filename().empty())
        clean = clean.parent_path();
    entry.path = fs::absolute(clean).string();
    entry.name = clean.filename().string();
    static const std::regex checkpointName("checkpoint-([0-9]+)");
    std::smatch match;
    const std::string base = clean.filename().string();
    if (std::regex_match(base, match, checkpointName)) {
        entry.step = std::stoll(match[1].str());
        entry.run = clean.parent_path().filename().string();
        entry.name = entry.run + "/" + base;
    }
    return entry;
}

namespace {

std::vector<std::string> effectiveLabels(const ModelConfig& config,
                                         const std::vector<std::string>& overrideNames) {
    if (overrideNames.empty())
        return config.id2label;
    if (static_cast<int64_t>(overrideNames.size()) != config.numLabels())
        throw Error("--model-labels gives " + std::to_string(overrideNames.size()) +
                    " names but the models have " + std::to_string(config.numLabels()) + " labels");
    return overrideNames;
}

} // namespace

DatasetEntry makeDatasetEntry(const NamedDatasetSpec& named, int64_t defaultSamples,
                              const std::vector<std::string>& modelLabels) {
    DatasetSpec spec = named.spec;
    if (spec.samples == 0)
        spec.samples = defaultSamples;
    spec.path = fs::absolute(spec.path).lexically_normal();
    const Dataset dataset = loadDataset(spec);
    if (dataset.examples.empty())
        throw Error(spec.path.string() + ": no examples left after filters");
    try {
        mapLabels(dataset.labelNames, modelLabels);
    } catch (const Error& e) {
        throw Error("dataset '" + named.name + "': " + e.what());
    }
    DatasetEntry entry;
    entry.name = named.name;
    entry.role = named.role;
    entry.spec = formatDatasetSpec(spec);
    entry.source = spec.path.string();
    entry.format = spec.format;
    entry.labelNames = dataset.labelNames;
    entry.primaryMetric = dataset.primaryMetric;
    for (const Example& example : dataset.examples)
        entry.sampleRows.push_back(example.row);
    return entry;
}

int64_t modelTokenLimit(const ModelConfig& config) {
    // RoBERTa numbers real tokens from pad_token_id + 1 (transformers'
    // create_position_ids_from_input_ids), so its table holds pad_token_id + 1 fewer tokens.
    return config.family == ModelFamily::Roberta ? config.maxPositions - config.padTokenId - 1
                                                 : config.maxPositions;
}

Study buildStudy(const NewStudyOptions& options) {
    if (options.points < 2)
        throw Error("--points must be at least 2 (both ends are included)");
    if (options.maxLength < 2)
        throw Error("--max-length must be at least 2");
    const auto surfaces =
        std::count_if(options.datasets.begin(), options.datasets.end(),
                      [](const auto& d) { return d.role == DatasetRole::Surface; });
    if (surfaces != 1)
        throw Error("a study needs exactly one surface dataset (--surface), found " +
                    std::to_string(surfaces));

    Study study;
    study.points = options.points;
    study.maxLength = options.maxLength;
    study.modelLabelNames = options.modelLabelNames;

    const std::vector<fs::path> folders = resolveModelFolders(options.models);
    std::optional<ModelConfig> first;
    fs::path firstFolder;
    int64_t parameterCount = 0;
    std::set<std::string> names;
    for (const fs::path& folder : folders) {
        const ModelConfig config = readModelConfig(folder / "config.json");
        if (!first) {
            first = config;
            firstFolder = folder;
            parameterCount = createClassifier(config)->parameters().numel();
        } else {
            requireSameArchitecture(*first, firstFolder.string(), config, folder.string());
        }
        // A longer max_length would be recorded but never used: no sequence longer than the
        // model's position table can be evaluated. The study records what the models take.
        study.maxLength = std::min(study.maxLength, modelTokenLimit(config));
        ModelEntry entry = describeModelFolder(folder);
        entry.family = familyName(config.family);
        entry.parameterCount = parameterCount;
        if (!names.insert(entry.name).second) {
            // Two runs with the same folder name: qualify by the parent folder.
            entry.name = folder.parent_path().filename().string() + "/" + entry.name;
            if (!names.insert(entry.name).second)
                throw Error("two models would be named '" + entry.name + "': rename a folder");
        }
        study.models.push_back(std::move(entry));
    }

    const std::vector<std::string> modelLabels = effectiveLabels(*first, options.modelLabelNames);
    std::set<std::string> datasetNames;
    for (const NamedDatasetSpec& named : options.datasets) {
        if (!datasetNames.insert(named.name).second)
            throw Error("dataset name '" + named.name + "' is used twice");
        study.datasets.push_back(makeDatasetEntry(named, options.samples, modelLabels));
    }
    study.ensureShapes();
    return study;
}

} // namespace bs
