// basinscope-cli curve: trains a Bezier curve or a polychain between two models (endpoints
// fixed), compares loss and metric along it with the straight line, and stores both in the
// study (resumable).
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/curve_job.h"
#include "core/jobs/study_session.h"
#include "core/study/study_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>

namespace bs::cli {

void registerCurveCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study, pair, kind = "bezier", optimizer = "adam", save, csv;
        CurveRequest request;
        int64_t seed = 0;
        bool noStore = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "curve", "Train a quadratic Bezier curve or a polychain between two models (endpoints "
                 "fixed) and compare it with the straight line");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--pair", options->pair, "The two models, A,B")->required();
    cmd->add_option("--train", options->request.trainSpec,
                    "Training file as a dataset spec FILE:FORMAT[:options] (docs/datasets.md)")
        ->required();
    cmd->add_option("--kind", options->kind, "bezier or polychain")
        ->check(CLI::IsMember({"bezier", "polychain"}))
        ->capture_default_str();
    cmd->add_option("--steps", options->request.training.steps, "Training steps")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--lr", options->request.training.learningRate, "Learning rate")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--train-batch", options->request.training.batchSize,
                    "Training examples per step")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--optimizer", options->optimizer, "adam or sgd")
        ->check(CLI::IsMember({"adam", "sgd"}))
        ->capture_default_str();
    cmd->add_option("--seed", options->seed, "Seed of the sampled t and the batch order")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--save", options->save,
                    "Save the control point as this checkpoint folder (a new folder; default: "
                    "STUDY.curves/<curve id>)");
    cmd->add_flag("--no-store", options->noStore,
                  "Leave the study file untouched (nothing resumable; the control point only "
                  "with --save)");
    cmd->add_option("--csv", options->csv,
                    "Loss and metric of line and curve per dataset and point ('-' = stdout)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        CurveRequest request = options->request;
        std::tie(request.first, request.second) = parsePairOption(options->pair);
        request.training.kind = parseCurveKind(options->kind);
        request.training.optimizer = parseCurveOptimizer(options->optimizer);
        request.training.seed = static_cast<uint64_t>(options->seed);
        request.saveTo = options->save;
        ProgressPrinter printer("curve", context.quiet);
        const auto start = std::chrono::steady_clock::now();
        TrainedCurve curve;
        bool trained = true;
        int64_t points = 0;
        if (options->noStore) {
            const Study study = readStudy(options->study);
            StudySession session(study, computeOptions(context));
            const CurveResult r = computeCurve(study, session, request,
                                               Progress(printer.callback(), interruptToken()));
            curve.t = r.t;
            curve.datasets = r.datasets;
            curve.trainingExamples = r.trainingExamples;
            curve.trainingLosses = r.training.batchLosses;
            curve.controlPoint = r.savedTo;
        } else {
            WritableStudy writable(options->study, "basinscope-cli curve");
            Study& study = writable.study();
            request.keepIn = options->study + ".curves";
            StudySession session(study, computeOptions(context));
            const StoredCurveRun run =
                computeStoredCurve(study, session, request, cliHooks(printer.callback(), writable));
            curve = study.trainedCurves[run.index];
            trained = run.trained;
            points = run.pointsComputed;
        }
        printer.finish();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto& losses = curve.trainingLosses;
        const size_t tail = std::max<size_t>(1, losses.size() / 10);
        double last = 0;
        for (size_t k = losses.size() - std::min(tail, losses.size()); k < losses.size(); ++k)
            last += losses[k] / double(std::min(tail, losses.size()));
        std::printf(
            "%s curve %s -> %s: %lld steps (%s, lr %g, batch %lld, seed %lld) on %lld "
            "training examples%s in %.1f s; training loss %.4f at the first step, %.4f over "
            "the last %zu\n",
            options->kind.c_str(), request.first.c_str(), request.second.c_str(),
            static_cast<long long>(request.training.steps), options->optimizer.c_str(),
            request.training.learningRate, static_cast<long long>(request.training.batchSize),
            static_cast<long long>(options->seed), static_cast<long long>(curve.trainingExamples),
            trained ? "" : " (trained earlier: control point reused)", seconds,
            losses.empty() ? 0.0 : losses.front(), losses.empty() ? 0.0 : last, tail);
        std::printf("%-16s %12s %12s %12s %12s\n", "dataset", "line max", "line BH", "curve max",
                    "curve BH");
        for (const CurveComparison& c : curve.datasets)
            std::printf(
                "%-16s %12.6g %12.6g %12.6g %12.6g\n", c.dataset.c_str(),
                *std::max_element(c.lineLoss.begin(), c.lineLoss.end()), c.line.barrierHeight,
                *std::max_element(c.curveLoss.begin(), c.curveLoss.end()), c.curve.barrierHeight);
        if (!curve.controlPoint.empty())
            std::printf("control point saved to %s\n", curve.controlPoint.c_str());
        if (!options->noStore)
            std::printf("stored in %s as %s (%lld points evaluated by this run; a rerun of the "
                        "same curve continues it)\n",
                        options->study.c_str(), curve.id.c_str(), static_cast<long long>(points));
        if (!options->csv.empty())
            writeTextOutput(options->csv, curveComparisonCsv(curve.t, curve.datasets),
                            context.quiet);
        return 0;
    });
}

} // namespace bs::cli
