// basinscope-cli attribute: which parameter groups carry the barrier between two models.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/attribution_job.h"
#include "core/study/study_store.h"

#include <cstdio>
#include <tuple>

namespace bs::cli {

void registerAttributeCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::string pair;
        AttributionRequest request;
        std::string csv, summaryCsv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "attribute", "Which parameter groups carry a pair's barrier (only one group moves / all "
                     "but one move)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--pair", options->pair, "The two models, A,B")->required();
    cmd->add_option("--dataset", options->request.dataset,
                    "Dataset (default: the surface dataset)");
    cmd->add_option("--points", options->request.points, "Points per path (default: the study's)");
    cmd->add_option("--csv", options->csv, "Every path's loss and metric per alpha ('-' = stdout)");
    cmd->add_option("--summary-csv", options->summaryCsv,
                    "Barrier metrics per path ('-' = stdout)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        AttributionRequest request = options->request;
        std::tie(request.first, request.second) = parsePairOption(options->pair);
        const Study study = readStudy(options->study);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("attribute", context.quiet);
        const BarrierAttribution a = computeAttribution(
            study, session, request, Progress(printer.callback(), interruptToken()));
        printer.finish();
        std::printf("%s -> %s on %s, %zu points%s\n", a.first.c_str(), a.second.c_str(),
                    a.dataset.c_str(), a.alphas.size(),
                    a.complete ? "" : " (interrupted: unfinished paths are nan)");
        std::printf("line: barrier height %.6g, convexity gap %.6g\n", a.plain.barrierHeight,
                    a.plain.convexityGap);
        std::printf("%-12s %12s %14s %14s %14s %14s\n", "group", "parameters", "only: BH",
                    "only: CG", "all but: BH", "all but: CG");
        for (const GroupAttribution& g : a.groups)
            std::printf("%-12s %12lld %14.6g %14.6g %14.6g %14.6g\n", g.group.c_str(),
                        static_cast<long long>(g.scalars), g.only.barrierHeight,
                        g.only.convexityGap, g.allBut.barrierHeight, g.allBut.convexityGap);
        if (!options->csv.empty())
            writeTextOutput(options->csv, attributionCsv(a), context.quiet);
        if (!options->summaryCsv.empty())
            writeTextOutput(options->summaryCsv, attributionSummaryCsv(a), context.quiet);
        return a.complete ? 0 : 130;
    });
}

} // namespace bs::cli
