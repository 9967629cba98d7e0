#pragma once
// Building a new study: resolving checkpoint folders, reading configs, fixing sample rows.

#include "core/data/dataset_spec.h"
#include "core/io/model_config.h"
#include "core/study/study.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs {

// A dataset as the user names it: "mnli=dev_matched.tsv:mnli:samples=512".
struct NamedDatasetSpec {
    std::string name;
    DatasetRole role = DatasetRole::Diagnostic;
    DatasetSpec spec;
};

// Parses "NAME=FILE:FORMAT[:options]"; without "NAME=" the file's stem is the name.
NamedDatasetSpec parseNamedDatasetSpec(const std::string& text, DatasetRole role);

// The most tokens one sequence may have for a model of this configuration: its
// max_position_embeddings (less pad_token_id + 1 for RoBERTa, whose positions start there).
int64_t modelTokenLimit(const ModelConfig& config);

struct NewStudyOptions {
    std::vector<std::string> models;        // folders or glob patterns (e.g. 'runs/mnli-seed*')
    std::vector<NamedDatasetSpec> datasets; // exactly one surface dataset, any diagnostics
    int64_t samples = 0; // applied to every dataset whose spec sets no samples (0 = all rows)
    int64_t points = 10;
    int64_t maxLength = 128; // clamped to the models' modelTokenLimit
    std::vector<std::string>
        modelLabelNames; // overrides id2label (e.g. entailment,neutral,contradiction)
};

// Expands glob patterns (sorted, as a shell would) and keeps folders that hold a config.json;
// a pattern matching nothing or a folder without config.json is an error naming it.
std::vector<std::filesystem::path> resolveModelFolders(const std::vector<std::string>& patterns);

// "seed-3/checkpoint-2000" -> name "seed-3/checkpoint-2000", run "seed-3", step 2000;
// "runs/mnli-seed1" -> name "mnli-seed1", no run or step.
ModelEntry describeModelFolder(const std::filesystem::path& folder);

// Reads every model's config (architectures must agree: the first difference is reported),
// counts parameters, loads each dataset once to fix its sample rows and checks that its
// labels map onto the models' labels. Reads no weights, so it is fast for any N.
Study buildStudy(const NewStudyOptions& options);

// Entries for datasets added to an existing study (same checks as buildStudy).
DatasetEntry makeDatasetEntry(const NamedDatasetSpec& named, int64_t defaultSamples,
                              const std::vector<std::string>& modelLabels);

} // namespace bs
