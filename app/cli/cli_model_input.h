#pragma once
// One model and one dataset from the command line (eval/predict without a study).

#include "app/cli/cli_context.h"
#include "core/data/dataset_spec.h"

#include <memory>
#include <string>
#include <vector>

namespace bs {
class Evaluator;
class SequenceClassifier;
} // namespace bs

namespace bs::cli {

struct ModelInputOptions {
    std::string model;   // checkpoint folder
    std::string dataset; // FILE, or a full spec FILE:FORMAT[:options] when --format is absent
    std::string format;
    std::vector<std::string> where; // KEY=VALUE[|VALUE] filters
    int64_t samples = 0;
    bool randomSample = false;
    uint64_t seed = 0;
    int64_t maxLength = 128;
    std::string modelLabels;
};

void addModelInputOptions(CLI::App& command, ModelInputOptions& options);

// The model, and an evaluator over the dataset encoded with the model's tokenizer.
struct ModelInput {
    std::unique_ptr<SequenceClassifier> model;
    std::unique_ptr<Evaluator> evaluator;
    std::string datasetDescription; // "dev_matched.tsv (mnli): 512 examples of ..."
};
ModelInput loadModelInput(const ModelInputOptions& options, const CliContext& context);

} // namespace bs::cli
