// basinscope-cli trajectory: the loss surface of a training run in the plane of its
// checkpoints' top two principal components, with the checkpoints projected onto it.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/jobs/trajectory_job.h"
#include "core/study/plane_export.h"

#include <cmath>
#include <cstdio>

namespace bs::cli {

void registerTrajectoryCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        TrajectorySurfaceRequest request;
        std::string vts, csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "trajectory", "Loss surface of a run in the plane of its checkpoints' top two principal "
                      "components, with the trajectory projected onto it (resumable)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--run", options->request.run,
                    "The run: its checkpoints are the models tagged with it (folders "
                    "RUN/checkpoint-N), its final model the one named RUN")
        ->required();
    cmd->add_option("--dataset", options->request.dataset, "Dataset (default: the surface set)");
    cmd->add_option("--resolution", options->request.resolution, "Points per axis")
        ->check(CLI::Range(3, 401))
        ->capture_default_str();
    cmd->add_option("--margin", options->request.margin,
                    "Extent beyond the projected checkpoints, as a fraction of their larger side")
        ->check(CLI::Range(0.0, 10.0))
        ->capture_default_str();
    cmd->add_option("--vts", options->vts, "Also write the grid as a VTK file (ParaView)");
    cmd->add_option("--csv", options->csv,
                    "Also write the grid as CSV (as `plane --csv`, then one checkpoint:<name> row "
                    "per checkpoint with its projected coordinates)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        WritableStudy writable(options->study, "basinscope-cli trajectory");
        Study& study = writable.study();
        const size_t index = findOrAddTrajectorySurface(study, options->request);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("trajectory", context.quiet);
        computeTrajectorySurface(study, session, index, cliHooks(printer.callback(), writable));
        printer.finish();
        const PlaneResult& surface = study.planes[index];
        if (!options->vts.empty())
            writePlaneVts(surface, options->vts);
        if (!options->csv.empty()) {
            const std::string text = planeCsv(surface);
            AtomicFile file(options->csv);
            file.write(text.data(), text.size());
            file.commit();
        }
        if (!context.quiet) {
            const TrajectoryAxes& axes = *surface.trajectory;
            double low = INFINITY, high = -INFINITY;
            for (double v : surface.loss)
                if (std::isfinite(v))
                    low = std::min(low, v), high = std::max(high, v);
            std::printf("%s: trajectory of %s (%zu checkpoints, final model %s) on %s, %lld "
                        "points per axis\n",
                        surface.id.c_str(), axes.run.c_str(), axes.models.size(),
                        surface.models[0].c_str(), surface.dataset.c_str(),
                        static_cast<long long>(surface.resolution));
            std::printf("explained variance: PC1 %.4f, PC2 %.4f (together %.4f)\n",
                        axes.explainedVariance[0], axes.explainedVariance[1],
                        axes.explainedVariance[0] + axes.explainedVariance[1]);
            std::printf("grid x %.6g .. %.6g, y %.6g .. %.6g; loss %.4f .. %.4f, at the final "
                        "model %.6f\n",
                        surface.xMin, surface.xMax, surface.yMin, surface.yMax, low, high,
                        surface.modelLoss[0]);
            std::printf("%-40s %14s %14s\n", "checkpoint", "PC1", "PC2");
            for (size_t c = 0; c < axes.models.size(); ++c)
                std::printf("%-40s %14.6g %14.6g\n", axes.models[c].c_str(), axes.x[c], axes.y[c]);
            std::printf("%-40s %14.6g %14.6g\n", surface.models[0].c_str(), 0.0, 0.0);
        }
        return 0;
    });
}

} // namespace bs::cli
