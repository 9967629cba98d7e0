// basinscope-cli directions: the loss surface around one model along random filter-normalized
// directions (1D or 2D), stored in the study like a plane.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/jobs/direction_job.h"
#include "core/study/plane_export.h"

#include <cmath>
#include <cstdio>

namespace bs::cli {

void registerDirectionsCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        DirectionSurfaceRequest request;
        int64_t seed = 0;
        std::string biases = "zero";
        std::string vts, csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "directions", "Loss surface around one model along random filter-normalized directions "
                      "(1D or 2D; resumable, coarse first)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--model", options->request.model, "The model at the centre")->required();
    cmd->add_option("--dataset", options->request.dataset, "Dataset (default: the surface set)");
    cmd->add_option("--dims", options->request.dimensions,
                    "1: the line along the first direction; 2: the plane of both")
        ->check(CLI::IsMember({1, 2}))
        ->capture_default_str();
    cmd->add_option("--resolution", options->request.resolution,
                    "Points per axis (odd: the model is the centre point)")
        ->check(CLI::Range(3, 401))
        ->capture_default_str();
    cmd->add_option("--range", options->request.range,
                    "Coordinates run over [-range, range] in units of the directions")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--seed", options->seed, "Seed of the two directions")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--biases", options->biases,
                    "Biases and LayerNorm parameters in the directions: zero, or keep (the "
                    "model's own values)")
        ->check(CLI::IsMember({"zero", "keep"}))
        ->capture_default_str();
    cmd->add_option("--vts", options->vts, "Also write the grid as a VTK file (ParaView; 2D)");
    cmd->add_option("--csv", options->csv,
                    "Also write the values as CSV (1D: x,loss,metric; 2D: as `plane --csv`)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        options->request.directions.seed = static_cast<uint64_t>(options->seed);
        options->request.directions.biases = parseBiasTreatment(options->biases);
        WritableStudy writable(options->study, "basinscope-cli directions");
        Study& study = writable.study();
        const size_t index = findOrAddDirectionSurface(study, options->request);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("directions", context.quiet);
        const int dims = options->request.dimensions;
        computeDirectionSurface(study, session, index, dims,
                                cliHooks(printer.callback(), writable));
        printer.finish();
        const PlaneResult& surface = study.planes[index];
        if (!options->vts.empty())
            writePlaneVts(surface, options->vts);
        if (!options->csv.empty()) {
            const std::string text = dims == 1 ? directionLineCsv(surface) : planeCsv(surface);
            AtomicFile file(options->csv);
            file.write(text.data(), text.size());
            file.commit();
        }
        if (!context.quiet) {
            const std::vector<double>& values =
                dims == 1 ? directionLine(surface).loss : surface.loss;
            double low = INFINITY, high = -INFINITY;
            for (double v : values)
                if (std::isfinite(v))
                    low = std::min(low, v), high = std::max(high, v);
            std::printf("%s: %dD surface around %s on %s (seed %llu, biases %s), %lld points per "
                        "axis over [-%g, %g], loss %.4f .. %.4f, at the model %.6f\n",
                        surface.id.c_str(), dims, surface.models[0].c_str(),
                        surface.dataset.c_str(), static_cast<unsigned long long>(options->seed),
                        options->biases.c_str(), static_cast<long long>(surface.resolution),
                        surface.xMax, surface.xMax, low, high, surface.modelLoss[0]);
        }
        return 0;
    });
}

} // namespace bs::cli
