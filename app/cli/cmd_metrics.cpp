// basinscope-cli metrics: barrier height, convexity gap, peak excess, AUC and distances.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/study/derived_matrices.h"

#include <cmath>
#include <cstdio>

namespace bs::cli {

namespace {

// Median of the finite off-diagonal entries; NaN when there are none.
double offDiagonalMedian(const Matrix& m) {
    std::vector<double> values;
    for (int64_t i = 0; i < m.rows; ++i)
        for (int64_t j = i + 1; j < m.cols; ++j)
            if (std::isfinite(m.at(i, j)))
                values.push_back(m.at(i, j));
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

} // namespace

void registerMetricsCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        bool noDistances = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "metrics", "Barrier height, convexity gap, peak excess, AUC and distance matrices");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_flag("--no-distances", options->noDistances,
                  "Do not load models to fill in missing parameter distances");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        WritableStudy writable(options->study, "basinscope-cli metrics");
        Study& study = writable.study();
        updateAllMatrices(study);
        if (!options->noDistances) {
            StudySession session(study, computeOptions(context));
            ProgressPrinter printer("distances", context.quiet);
            computeDistances(study, session, cliHooks(printer.callback(), writable));
            printer.finish();
        }
        writable.save();
        if (!context.quiet) {
            for (const DatasetEntry& dataset : study.datasets) {
                const DerivedMatrices& m = study.matrices[dataset.name];
                int64_t pairs = 0;
                for (int64_t i = 0; i < m.convexityGap.rows; ++i)
                    for (int64_t j = i + 1; j < m.convexityGap.cols; ++j)
                        pairs += std::isfinite(m.convexityGap.at(i, j)) ? 1 : 0;
                std::printf("%-16s %lld pairs  median BH %.4f  CG %.4f  peak excess %.4f\n",
                            dataset.name.c_str(), static_cast<long long>(pairs),
                            offDiagonalMedian(m.barrierHeight), offDiagonalMedian(m.convexityGap),
                            offDiagonalMedian(m.peakExcess));
            }
            std::printf("%-16s median %.4f\n", matrixId(MatrixKind::Distance).c_str(),
                        offDiagonalMedian(study.distance));
        }
        return 0;
    });
}

} // namespace bs::cli
