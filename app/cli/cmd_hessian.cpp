// basinscope-cli hessian: top Hessian eigenvalues (Lanczos) and trace (Hutchinson) of models.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
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
        std::string csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "hessian", "Top Hessian eigenvalues (Lanczos) and trace (Hutchinson) of models, by "
                   "Hessian-vector products; read-only");
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
    cmd->add_option("--csv", options->csv, "Also write the results as CSV");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        const Study study = readStudy(options->study);
        HessianRequest request;
        request.models = options->models;
        request.dataset = options->dataset;
        request.groups = options->groups;
        request.options = options->hessian;
        request = resolveHessianRequest(study, request);
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("hessian", context.quiet);
        // Read-only: nothing is saved, so plain progress (Ctrl+C stops between products).
        const Progress progress(printer.callback());
        std::string csv = "model,group,parameters,eigenvalue_rank,eigenvalue,eigenvalue_bound,"
                          "trace,trace_standard_error\n";
        computeHessians(study, session, request, progress, [&](const ModelHessian& result) {
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
                std::printf("\n");
            }
            char row[320];
            for (size_t k = 0; k < value.eigenvalues.size(); ++k) {
                std::snprintf(row, sizeof row, "%s,%s,%lld,%zu,%.17g,%.17g,%.17g,%.17g\n",
                              result.model.c_str(), label.c_str(),
                              static_cast<long long>(value.parameters), k + 1, value.eigenvalues[k],
                              value.eigenvalueErrors[k], value.trace, value.traceStandardError);
                csv += row;
            }
        });
        if (!options->csv.empty()) {
            AtomicFile file(options->csv);
            file.write(csv.data(), csv.size());
            file.commit();
        }
        return 0;
    });
}

} // namespace bs::cli
