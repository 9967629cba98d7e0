// basinscope-cli plane: the loss plane through three models, on a grid.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/jobs/plane_job.h"
#include "core/study/plane_export.h"

#include <cmath>
#include <cstdio>

namespace bs::cli {

void registerPlaneCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::string models;
        PlaneRequest request;
        std::string vts, csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "plane", "Evaluate the plane through three models on a grid (resumable, coarse first)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--models", options->models, "Three model names: origin,axis,third")
        ->required();
    cmd->add_option("--dataset", options->request.dataset, "Dataset (default: the surface set)");
    cmd->add_option("--resolution", options->request.resolution, "Grid points per axis")
        ->check(CLI::Range(3, 401))
        ->capture_default_str();
    cmd->add_option("--margin", options->request.margin,
                    "Extent beyond the models, as a fraction of the triangle's size")
        ->check(CLI::Range(0.0, 10.0))
        ->capture_default_str();
    cmd->add_option("--vts", options->vts, "Also write the grid as a VTK file (ParaView)");
    cmd->add_option("--csv", options->csv, "Also write the grid as CSV");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        const std::vector<std::string> names = splitList(options->models);
        if (names.size() != 3)
            throw Error("--models needs three model names separated by commas");
        std::copy(names.begin(), names.end(), options->request.models.begin());
        WritableStudy writable(options->study, "basinscope-cli plane");
        Study& study = writable.study();
        const size_t index = findOrAddPlane(study, options->request);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("plane", context.quiet);
        computePlane(study, session, index, cliHooks(printer.callback(), writable));
        printer.finish();
        const PlaneResult& plane = study.planes[index];
        if (!options->vts.empty())
            writePlaneVts(plane, options->vts);
        if (!options->csv.empty()) {
            const std::string text = planeCsv(plane);
            AtomicFile file(options->csv);
            file.write(text.data(), text.size());
            file.commit();
        }
        if (!context.quiet) {
            double low = INFINITY, high = -INFINITY;
            for (double v : plane.loss)
                if (std::isfinite(v))
                    low = std::min(low, v), high = std::max(high, v);
            std::printf("%s: %s on %s, %lldx%lld grid, loss %.4f .. %.4f\n", plane.id.c_str(),
                        options->models.c_str(), plane.dataset.c_str(),
                        static_cast<long long>(plane.resolution),
                        static_cast<long long>(plane.resolution), low, high);
            for (size_t m = 0; m < 3; ++m)
                std::printf("  %-24s at (%.4f, %.4f)  loss %.6f\n", plane.models[m].c_str(),
                            plane.modelX[m], plane.modelY[m], plane.modelLoss[m]);
        }
        return 0;
    });
}

} // namespace bs::cli
