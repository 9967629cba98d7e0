// basinscope-cli hessian: top Hessian eigenvalues (Lanczos), trace (Hutchinson) and eigenvalue
// density (stochastic Lanczos quadrature) of models, stored in the study.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/csv_field.h"
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/io/atomic_file.h"
#include "core/jobs/hessian_job.h"
#include "core/jobs/study_session.h"
#include "core/study/study_store.h"

#include <cstdio>

namespace bs::cli {

void registerHessianCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> models;
        std::string dataset;
        std::vector<std::string> groups;
        HessianOptions hessian;
        std::string csv, densityCsv;
        bool noStore = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "hessian", "Top Hessian eigenvalues (Lanczos), trace (Hutchinson) and eigenvalue density "
                   "(stochastic Lanczos quadrature) of models, by Hessian-vector products; "
                   "stored in the study, resumable");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--models", options->models, "Models (default: all)")->delimiter(',');
    cmd->add_option("--dataset", options->dataset, "Dataset (default: the surface set)");
    cmd->add_option("--group", options->groups,
                    "Parameter groups: name prefixes such as classifier. or "
                    "bert.encoder.layer.0. (default: all parameters)")
        ->delimiter(',');
    cmd->add_option("--top", options->hessian.topK, "Eigenvalues reported")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    cmd->add_option("--lanczos-steps", options->hessian.lanczosSteps,
                    "Krylov dimension (keeps this many vectors of the group's size)")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_option("--trace-samples", options->hessian.traceSamples,
                    "Rademacher vectors for the trace (0: no trace)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    cmd->add_option("--seed", options->hessian.seed, "Seed of the start and Rademacher vectors")
        ->capture_default_str();
    cmd->add_option("--hessian-batch", options->hessian.batchSize, "Examples per double backward")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    cmd->add_option("--density", options->hessian.densityRuns,
                    "Eigenvalue density: random start vectors of stochastic Lanczos quadrature "
                    "(0: none)")
        ->check(CLI::Range(0, 10000))
        ->capture_default_str();
    cmd->add_option("--density-steps", options->hessian.densitySteps,
                    "Lanczos steps per density run")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_option("--density-sigma", options->hessian.densitySigma,
                    "Gaussian broadening of the density (0: 1% of the Ritz values' range)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_option("--density-grid", options->hessian.densityGrid, "Points of the density grid")
        ->check(CLI::Range(2, 100000))
        ->capture_default_str();
    cmd->add_option("--csv", options->csv, "Also write the results as CSV");
    cmd->add_option("--density-csv", options->densityCsv,
                    "Write the densities as CSV: model,group,x,density");
    cmd->add_flag("--no-store", options->noStore,
                  "Leave the study file untouched (no resume: Ctrl+C loses the unit in flight)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        HessianRequest request;
        request.models = options->models;
        request.dataset = options->dataset;
        request.groups = options->groups;
        request.options = options->hessian;
        ProgressPrinter printer("hessian", context.quiet);
        std::string csv = "model,group,parameters,eigenvalue_rank,eigenvalue,eigenvalue_bound,"
                          "trace,trace_standard_error\n";
        std::string densityCsv = "model,group,x,density\n";
        const auto report = [&](const ModelHessian& result, bool stored) {
            printer.finish();
            const HessianValue& value = result.value;
            const std::string label = result.group.empty() ? "all" : result.group;
            if (!context.quiet) {
                std::printf("%s [%s, %lld parameters] on %s: trace %.6g +- %.2g, top",
                            result.model.c_str(), label.c_str(),
                            static_cast<long long>(value.parameters), result.dataset.c_str(),
                            value.trace, value.traceStandardError);
                for (size_t k = 0; k < value.eigenvalues.size(); ++k)
                    std::printf(" %.6g (+-%.1g)", value.eigenvalues[k], value.eigenvalueErrors[k]);
                if (!value.density.empty())
                    std::printf("; density of %zu runs, sigma %.3g", value.density.nodes.size(),
                                value.density.sigma);
                std::printf("%s\n", stored ? " (stored earlier, not recomputed)" : "");
            }
            char row[320];
            const HessianDensity& density = value.density;
            for (size_t k = 0; k < density.grid.size(); ++k) {
                std::snprintf(row, sizeof row, ",%.17g,%.17g\n", density.grid[k],
                              density.density[k]);
                densityCsv += csvField(result.model) + "," + csvField(label) + row;
            }
            for (size_t k = 0; k < value.eigenvalues.size(); ++k) {
                std::snprintf(row, sizeof row, "%s,%s,%lld,%zu,%.17g,%.17g,%.17g,%.17g\n",
                              result.model.c_str(), label.c_str(),
                              static_cast<long long>(value.parameters), k + 1, value.eigenvalues[k],
                              value.eigenvalueErrors[k], value.trace, value.traceStandardError);
                csv += row;
            }
        };
        if (options->noStore) {
            const Study study = readStudy(options->study);
            request = resolveHessianRequest(study, request);
            StudySession session(study, computeOptions(context));
            // Nothing is saved, so plain progress (Ctrl+C stops between products).
            const Progress progress(printer.callback());
            computeHessians(study, session, request, progress,
                            [&](const ModelHessian& result) { report(result, false); });
        } else {
            WritableStudy writable(options->study, "basinscope-cli hessian");
            Study& study = writable.study();
            request = resolveHessianRequest(study, request);
            StudySession session(study, computeOptions(context));
            computeStoredHessians(study, session, request, cliHooks(printer.callback(), writable),
                                  report);
            if (!context.quiet)
                std::printf("stored in %s (a rerun with the same settings reuses them)\n",
                            options->study.c_str());
        }
        if (!options->densityCsv.empty()) {
            AtomicFile file(options->densityCsv);
            file.write(densityCsv.data(), densityCsv.size());
            file.commit();
        }
        if (!options->csv.empty()) {
            AtomicFile file(options->csv);
            file.write(csv.data(), csv.size());
            file.commit();
        }
        return 0;
    });
}

} // namespace bs::cli
