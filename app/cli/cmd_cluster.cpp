// basinscope-cli cluster: spectral clustering of the models by a connectivity matrix.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "core/common/error.h"
#include "core/jobs/cluster_job.h"

#include <cstdio>

namespace bs::cli {

void registerClusterCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        ClusterRequest request;
        std::string column;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "cluster", "Spectral clustering of the models by CG (or BH, AUC, distance), stored in "
                   "the study");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--matrix", options->request.matrix, matrixIdList())
        ->check(CLI::IsMember(matrixIds()))
        ->capture_default_str();
    cmd->add_option("--dataset", options->request.dataset, "Dataset (default: the surface set)");
    cmd->add_option("--k", options->request.k, "Number of clusters")
        ->check(CLI::Range(2, 100))
        ->capture_default_str();
    cmd->add_option("--delta", options->request.delta, "Similarity exp(-d^2 / (2 delta^2))")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_flag("--median-delta", options->request.medianDelta,
                  "Use the median off-diagonal value as delta (CG values are often << 1)");
    cmd->add_option("--column", options->column,
                    "Model column to correlate with the centroid score, e.g. hans.accuracy "
                    "(default: the first diagnostic's primary metric)");
    setCommandBody(*cmd, [options, &context]() {
        WritableStudy writable(options->study, "basinscope-cli cluster");
        Study& study = writable.study();
        ClusteringResult result = clusterModels(study, options->request);
        const size_t index = storeClustering(study, result);
        writable.save();
        const ClusteringResult& c = study.clusterings[index];
        std::string column = options->column;
        if (column.empty())
            for (const DatasetEntry& d : study.datasets)
                if (d.role == DatasetRole::Diagnostic) {
                    column = d.name + "." + d.primaryMetric;
                    break;
                }
        std::printf("%s: %zu models, k = %lld, delta %.4g\n", c.id.c_str(), c.models.size(),
                    static_cast<long long>(c.k), c.delta);
        const std::vector<double> values =
            column.empty() ? std::vector<double>() : modelColumn(study, column);
        for (size_t i = 0; i < c.models.size(); ++i) {
            std::printf("  %-32s cluster %lld", c.models[i].c_str(),
                        static_cast<long long>(c.labels[i]));
            if (i < c.score.size())
                std::printf("  score %+.4f", c.score[i]);
            if (!values.empty())
                std::printf("  %s %.4f", column.c_str(),
                            values[static_cast<size_t>(study.modelIndex(c.models[i]))]);
            std::printf("\n");
        }
        if (!column.empty() && c.k == 2) {
            const Regression r = scoreRegression(study, c, column);
            std::printf("%s vs centroid score: r = %.4f, p = %.3g, %s = %.4f * score + %.4f "
                        "(n = %lld)\n",
                        column.c_str(), r.r, r.p, column.c_str(), r.slope, r.intercept,
                        static_cast<long long>(r.n));
        }
        (void)context;
        return 0;
    });
}

} // namespace bs::cli
