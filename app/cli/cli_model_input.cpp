#include "app/cli/cli_model_input.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"

#include <ATen/ATen.h>

#include <optional>

namespace bs::cli {

void addModelInputOptions(CLI::App& command, ModelInputOptions& options) {
    command.add_option("--model", options.model, "Checkpoint folder (save_pretrained layout)")
        ->required();
    command
        .add_option("--dataset", options.dataset,
                    "Dataset file (with --format), or a spec FILE:FORMAT[:options]")
        ->required();
    command.add_option("--format", options.format, "mnli, qqp, cola, hans, paws, jsonl or csv");
    command.add_option("--where", options.where,
                       "Row filter KEY=VALUE[|VALUE...], e.g. heuristic=lexical_overlap");
    command.add_option("--samples", options.samples, "Use the first N examples (0 = all)")
        ->check(CLI::NonNegativeNumber);
    command.add_flag("--random-sample", options.randomSample,
                     "Draw --samples examples at random (with --seed) instead of the first N");
    command.add_option("--seed", options.seed, "Seed of --random-sample");
    command.add_option("--max-length", options.maxLength, "Tokens per example after truncation")
        ->capture_default_str();
    command.add_option("--model-labels", options.modelLabels,
                       "The model's label names in id order when config.json has LABEL_k names");
}

ModelInput loadModelInput(const ModelInputOptions& options, const CliContext& context) {
    DatasetSpec spec;
    if (options.format.empty()) {
        spec = parseDatasetSpec(options.dataset);
    } else {
        spec.path = options.dataset;
        spec.format = options.format;
    }
    for (const std::string& filter : options.where) {
        const size_t eq = filter.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("--where '" + filter + "': expected KEY=VALUE[|VALUE...]");
        spec.filters.emplace_back(filter.substr(0, eq), splitList(filter.substr(eq + 1), '|'));
    }
    if (options.samples > 0)
        spec.samples = options.samples;
    if (options.randomSample) {
        spec.sampling = DatasetSpec::Sampling::Random;
        spec.seed = options.seed;
    }
    validateDatasetSpec(spec);

    ModelInput input;
    input.model = loadClassifier(options.model);
    if (context.device == "cuda") {
        if (!at::hasCUDA())
            throw Error("--device cuda: this LibTorch has no CUDA support; use --device cpu");
        input.model->parameters().moveTo(at::Device(at::kCUDA, 0));
    }
    const Dataset dataset = loadDataset(spec);
    input.datasetDescription = describeDataset(dataset);
    std::optional<WordPieceTokenizer> tokenizer;
    if (!dataset.pretokenized)
        tokenizer = loadTokenizerForModel(options.model);
    const EncodedDataset encoded = encodeDataset(dataset, tokenizer ? &*tokenizer : nullptr,
                                                 options.maxLength, spec.path.string());
    std::vector<std::string> modelLabels = input.model->config().id2label;
    if (!options.modelLabels.empty()) {
        modelLabels = splitList(options.modelLabels);
        if (static_cast<int64_t>(modelLabels.size()) != input.model->config().numLabels())
            throw Error("--model-labels gives " + std::to_string(modelLabels.size()) +
                        " names for a model with " +
                        std::to_string(input.model->config().numLabels()) + " labels");
    }
    EvalOptions evalOptions;
    evalOptions.batchSize = context.batchSize;
    evalOptions.device = input.model->parameters().tensor(0).device();
    input.evaluator = std::make_unique<Evaluator>(
        encoded, input.model->config(), mapLabels(dataset.labelNames, modelLabels), evalOptions);
    return input;
}

} // namespace bs::cli
