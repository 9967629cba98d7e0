// basinscope-cli eval: loss and metrics of one model on one dataset, or of every model of a study.
#include "app/cli/cli_model_input.h"
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"

#include <cstdio>
#include <iostream>

namespace bs::cli {

namespace {

void printEvaluation(const Evaluation& e, const std::string& primary, int64_t classes) {
    std::printf("examples  %lld\nloss      %.6f\naccuracy  %.4f\n",
                static_cast<long long>(e.examples), e.loss, e.accuracy);
    // Binary F1 of the positive class for two classes, macro F1 for more; none for one.
    if (primary == metricId(Metric::F1) || classes >= 2)
        std::printf("f1        %.4f\n", e.f1);
    std::printf("mcc       %.4f\n", e.mcc);
}

int evalModel(const ModelInputOptions& options, const CliContext& context) {
    context.applyThreads();
    ModelInput input = loadModelInput(options, context);
    if (!context.quiet)
        std::cerr << input.datasetDescription << "\n";
    ProgressPrinter printer("eval", context.quiet);
    Progress progress(printer.callback(), interruptToken());
    const Evaluation result = input.evaluator->evaluate(
        *input.model, [&](int64_t done, int64_t total) { progress.step(done, total); });
    printer.finish();
    std::printf("model     %s\n", options.model.c_str());
    std::printf("labels    %s\n", input.evaluator->mapping().describe().c_str());
    printEvaluation(result, input.evaluator->data().primaryMetric, input.evaluator->classes());
    return 0;
}

int evalStudy(const std::string& file, const std::vector<std::string>& names, bool force,
              const CliContext& context) {
    context.applyThreads();
    WritableStudy writable(file, "basinscope-cli eval");
    Study& study = writable.study();
    std::vector<int64_t> models;
    for (const std::string& name : names) {
        const int64_t index = study.modelIndex(name);
        if (index < 0)
            throw Error("unknown model '" + name + "' in " + file);
        models.push_back(index);
    }
    StudySession session(study, computeOptions(context));
    ProgressPrinter printer("eval", context.quiet);
    evaluateModels(study, session, models, force, cliHooks(printer.callback(), writable));
    printer.finish();
    if (!context.quiet) {
        for (const DatasetEntry& dataset : study.datasets) {
            std::printf("%s (%s, %s)\n", dataset.name.c_str(), roleName(dataset.role),
                        dataset.primaryMetric.c_str());
            const auto& evals = study.evaluations[dataset.name];
            for (size_t m = 0; m < study.models.size(); ++m)
                std::printf("  %-32s loss %.4f  %s %.4f\n", study.models[m].name.c_str(),
                            evals[m].loss, dataset.primaryMetric.c_str(),
                            evals[m].metric(dataset.primaryMetric));
        }
    }
    return 0;
}

} // namespace

void registerEvalCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> models;
        bool force = false;
        ModelInputOptions input;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "eval", "Evaluate every model of a study (eval study.h5), or one model on one dataset "
                "(eval --model DIR --dataset FILE --format F)");
    cmd->add_option("study", options->study, "Study file (evaluates every model on every dataset)");
    cmd->add_option("--only", options->models, "Study mode: only these models");
    cmd->add_flag("--force", options->force, "Study mode: recompute existing evaluations");
    cmd->add_option("--model", options->input.model, "Checkpoint folder (single-model mode)");
    cmd->add_option("--dataset", options->input.dataset,
                    "Dataset FILE (with --format) or FILE:FORMAT[:options]");
    cmd->add_option("--format", options->input.format, "mnli, qqp, cola, hans, paws, jsonl, csv");
    cmd->add_option("--where", options->input.where, "Row filter KEY=VALUE[|VALUE...]");
    cmd->add_option("--samples", options->input.samples, "First N examples (0 = all)");
    cmd->add_flag("--random-sample", options->input.randomSample, "Draw --samples at random");
    cmd->add_option("--seed", options->input.seed, "Seed of --random-sample");
    cmd->add_option("--max-length", options->input.maxLength, "Tokens per example")
        ->capture_default_str();
    cmd->add_option("--model-labels", options->input.modelLabels,
                    "The model's label names in id order when config.json has LABEL_k names");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        if (!options->study.empty()) {
            if (!options->input.model.empty() || !options->input.dataset.empty())
                throw Error("give either a study file or --model/--dataset, not both");
            return evalStudy(options->study, options->models, options->force, context);
        }
        if (options->input.model.empty() || options->input.dataset.empty())
            throw Error("eval needs a study file, or --model DIR and --dataset FILE");
        return evalModel(options->input, context);
    });
}

} // namespace bs::cli
