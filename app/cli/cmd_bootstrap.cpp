// basinscope-cli bootstrap: intervals of the barrier metrics over evaluation examples, and how
// stable the clusters are, from the per-example losses kept by `curves --example-losses`.
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/bootstrap_job.h"
#include "core/study/example_loss_store.h"
#include "core/study/study_store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bs::cli {

void registerBootstrapCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        BootstrapRequest request;
        std::string csv;
        bool noStability = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "bootstrap", "Bootstrap intervals of BH, CG, peak excess and AUC over examples, and "
                     "cluster stability (needs `curves --example-losses`)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--dataset", options->request.dataset,
                    "Dataset (default: the surface dataset)");
    cmd->add_option("--resamples", options->request.options.resamples, "Bootstrap resamples")
        ->capture_default_str();
    cmd->add_option("--seed", options->request.options.seed, "Resampling seed")
        ->capture_default_str();
    cmd->add_option("--level", options->request.options.level, "Central interval level")
        ->capture_default_str();
    cmd->add_option("--matrix", options->request.cluster.matrix,
                    "Matrix the stability clustering uses (cg, bh, peak_excess, auc)")
        ->capture_default_str();
    cmd->add_option("--k", options->request.cluster.k, "Clusters for stability")
        ->capture_default_str();
    cmd->add_flag("--no-stability", options->noStability, "Intervals only");
    cmd->add_option("--csv", options->csv, "Every pair's intervals ('-' = stdout)");
    setCommandBody(*cmd, [options, &context]() {
        const Study study = readStudy(options->study);
        const ExampleLossStore store(options->study, study, false);
        BootstrapRequest request = options->request;
        if (options->noStability)
            request.cluster.k = 0;
        ProgressPrinter printer("bootstrap", context.quiet);
        const BootstrapResult r =
            computeBootstrap(study, store, request, Progress(printer.callback(), interruptToken()));
        printer.finish();
        std::printf(
            "%s: %lld pairs, %lld examples, %lld resamples (seed %llu), %.0f%% intervals%s\n",
            r.dataset.c_str(), static_cast<long long>(r.pairs), static_cast<long long>(r.examples),
            static_cast<long long>(r.options.resamples),
            static_cast<unsigned long long>(r.options.seed), 100 * r.options.level,
            r.complete ? "" : " (interrupted)");
        if (r.pairsWithoutExamples > 0)
            std::printf("%lld computed pairs have no per-example losses (run `curves "
                        "--example-losses` to add them)\n",
                        static_cast<long long>(r.pairsWithoutExamples));
        const auto n = static_cast<int64_t>(study.models.size());
        int64_t zero = 0, intervals = 0;
        std::vector<double> widths;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j)
                if (!std::isnan(r.convexityGap.low(i, j))) {
                    ++intervals;
                    zero += r.convexityGap.low(i, j) <= 0.0 ? 1 : 0;
                    widths.push_back(r.convexityGap.high(i, j) - r.convexityGap.low(i, j));
                }
        if (intervals > 0) {
            std::sort(widths.begin(), widths.end());
            std::printf("CG: %lld of %lld intervals contain 0; median width %.4g, largest %.4g\n",
                        static_cast<long long>(zero), static_cast<long long>(intervals),
                        widths[widths.size() / 2], widths.back());
        }
        const ClusterStability& s = r.stability;
        if (!s.keep.empty()) {
            std::printf("cluster stability (%s, k = %lld): fraction of resamples that keep each "
                        "model in its cluster\n",
                        s.clustering.id.c_str(), static_cast<long long>(s.clustering.k));
            for (size_t m = 0; m < s.keep.size(); ++m)
                std::printf("  %-40s cluster %lld  %.3f\n", s.clustering.models[m].c_str(),
                            static_cast<long long>(s.clustering.labels[m]), s.keep[m]);
        } else {
            std::printf("cluster stability: not computed (%s)\n", s.skipped.c_str());
        }
        if (!options->csv.empty())
            writeTextOutput(options->csv, bootstrapCsv(study, r), context.quiet);
        return r.complete ? 0 : 130;
    });
}

} // namespace bs::cli
