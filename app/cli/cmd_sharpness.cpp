// basinscope-cli sharpness: epsilon-sharpness of models (the paper's baseline), stored.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/jobs/sharpness_job.h"

#include <cstdio>

namespace bs::cli {

void registerSharpnessCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> models;
        bool all = false;
        SharpnessRequest request;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "sharpness", "Epsilon-sharpness (Keskar et al.) by projected gradient ascent");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--model", options->models, "Model name(s)")->delimiter(',');
    cmd->add_flag("--all", options->all, "Every model of the study");
    cmd->add_option("--dataset", options->request.dataset, "Dataset (default: the surface set)");
    SharpnessOptions& o = options->request.options;
    cmd->add_option("--epsilon", o.epsilon, "Box |dx| <= eps (|x| + 1)")->capture_default_str();
    cmd->add_option("--steps", o.steps, "Gradient-ascent updates")->capture_default_str();
    cmd->add_option("--lr", o.learningRate, "SGD learning rate")->capture_default_str();
    cmd->add_option("--sharpness-batch", o.batchSize, "Examples per batch")->capture_default_str();
    cmd->add_option("--accumulate", o.accumulate, "Batches per update")->capture_default_str();
    cmd->add_option("--evaluate-every", o.evaluateEvery, "Updates between full evaluations")
        ->capture_default_str();
    cmd->add_option("--seed", o.seed, "Batch order seed");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        WritableStudy writable(options->study, "basinscope-cli sharpness");
        Study& study = writable.study();
        std::vector<std::string> models = options->models;
        if (options->all)
            for (const ModelEntry& m : study.models)
                models.push_back(m.name);
        if (models.empty())
            throw Error("name the models with --model NAME[,NAME...] or use --all");
        StudySession session(study, computeOptions(context));
        for (const std::string& model : models) {
            SharpnessRequest request = options->request;
            request.model = model;
            ProgressPrinter printer("sharpness " + model, context.quiet);
            const SharpnessResult r =
                computeSharpness(study, session, request, cliHooks(printer.callback(), writable));
            printer.finish();
            std::printf("%-32s %s: sharpness %.6g (eps %.3g, %lld steps)\n", model.c_str(),
                        r.dataset.c_str(), r.value, r.epsilon, static_cast<long long>(r.steps));
        }
        return 0;
    });
}

} // namespace bs::cli
