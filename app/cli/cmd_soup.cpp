// basinscope-cli soup: the weight average of models, or soups within and across basins.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/cluster_job.h"
#include "core/jobs/soup_job.h"
#include "core/study/study_store.h"

#include <cstdio>

namespace bs::cli {

namespace {

void printSoups(const std::vector<SoupEvaluation>& soups) {
    std::printf("%-28s %-10s %-7s %-16s %10s %10s %14s\n", "soup", "kind", "models", "dataset",
                "loss", metricId(Metric::Accuracy).c_str(), "ingredients'");
    for (const SoupEvaluation& s : soups)
        for (size_t d = 0; d < s.datasets.size(); ++d)
            std::printf("%-28s %-10s %-7zu %-16s %10.4f %10.4f %14.4f\n", s.name.c_str(),
                        s.kind.c_str(), s.models.size(), s.datasets[d].c_str(),
                        s.evaluations[d].loss, s.evaluations[d].accuracy,
                        s.ingredientMean[d].accuracy);
    std::printf("(ingredients': the mean accuracy of the soup's models on their own)\n");
}

} // namespace

void registerSoupCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        SoupRequest request;
        std::string saveTo;
        bool basins = false;
        bool add = false;
        std::string clustering;
        ClusterRequest cluster;
        std::string csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "soup", "Uniform weight average of models (a model soup), or soups within and across "
                "basins");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--models", options->request.models, "Models to average")->delimiter(',');
    cmd->add_option("--name", options->request.name, "Name of the soup");
    cmd->add_option("--save", options->saveTo, "Save the soup as a checkpoint in this new folder");
    cmd->add_flag("--add", options->add,
                  "With --save: add the soup to the study as a model (with its evaluations)");
    cmd->add_flag("--basins", options->basins,
                  "Soup of each cluster against a soup of as many models across clusters");
    cmd->add_option("--clustering", options->clustering,
                    "With --basins: a stored clustering's id (default: cluster now)");
    cmd->add_option("--matrix", options->cluster.matrix, "With --basins: matrix to cluster on")
        ->capture_default_str();
    cmd->add_option("--k", options->cluster.k, "With --basins: clusters")->capture_default_str();
    cmd->add_option("--csv", options->csv, "Write the results as CSV ('-' = stdout)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        if (options->basins == !options->request.models.empty())
            throw Error("name the models with --models A,B,... or use --basins");
        if (options->add && (options->basins || options->saveTo.empty()))
            throw Error("--add needs --models and --save DIR: the soup joins the study as a "
                        "checkpoint folder");
        // Only --add writes the study: it then holds the writer's lock from the start.
        std::unique_ptr<WritableStudy> writable;
        Study readOnly;
        if (options->add)
            writable = std::make_unique<WritableStudy>(options->study, "basinscope-cli soup --add");
        else
            readOnly = readStudy(options->study);
        Study& study = writable ? writable->study() : readOnly;
        std::vector<SoupEvaluation> soups;
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("soup", context.quiet);
        const Progress progress(printer.callback(), interruptToken());
        if (options->basins) {
            ClusteringResult clustering;
            if (!options->clustering.empty()) {
                bool found = false;
                for (const ClusteringResult& c : study.clusterings)
                    if (c.id == options->clustering) {
                        clustering = c;
                        found = true;
                    }
                if (!found)
                    throw Error("no clustering '" + options->clustering + "' in the study");
            } else {
                clustering = clusterModels(study, options->cluster);
            }
            soups =
                computeBasinSoups(study, session, clustering.models, clustering.labels, progress);
        } else {
            SoupRequest request = options->request;
            request.saveTo = options->saveTo;
            if (writable) // one study never mixes precisions
                adoptPrecision(study, session, cliHooks(printer.callback(), *writable));
            soups.push_back(computeSoup(study, session, request, progress));
            if (writable) {
                addSoupModel(study, soups.back());
                writable->save();
            }
        }
        printer.finish();
        printSoups(soups);
        for (const SoupEvaluation& s : soups)
            if (!s.savedTo.empty())
                std::printf("saved %s as %s%s\n", s.name.c_str(), s.savedTo.c_str(),
                            options->add ? ", added to the study" : "");
        if (!options->csv.empty())
            writeTextOutput(options->csv, soupsCsv(soups), context.quiet);
        return interruptRequested() ? 130 : 0;
    });
}

} // namespace bs::cli
