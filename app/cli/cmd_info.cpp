// basinscope-cli info: what a study holds and how far its computation is.
#include "app/cli/commands.h"
#include "core/study/study_store.h"

#include <cmath>
#include <cstdio>

namespace bs::cli {

void registerInfoCommand(CLI::App& app, CliContext&) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("info", "Summarise a study file");
    cmd->add_option("study", *file, "Study file")->required();
    setCommandBody(*cmd, [file]() {
        const Study study = readStudy(*file);
        const int64_t n = static_cast<int64_t>(study.models.size());
        std::printf("study      %s\n", file->c_str());
        std::printf("models     %lld (%s, %lld parameters each)\n", static_cast<long long>(n),
                    n ? study.models.front().family.c_str() : "-",
                    n ? static_cast<long long>(study.models.front().parameterCount) : 0LL);
        std::printf("points     %lld per curve, max length %lld tokens\n",
                    static_cast<long long>(study.points), static_cast<long long>(study.maxLength));
        const int64_t pairs = n * (n - 1) / 2;
        for (const DatasetEntry& d : study.datasets) {
            int64_t evaluated = 0, curves = 0;
            const auto evals = study.evaluations.find(d.name);
            if (evals != study.evaluations.end())
                for (const Evaluation& e : evals->second)
                    evaluated += e.computed() ? 1 : 0;
            const auto set = study.curves.find(d.name);
            if (set != study.curves.end())
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = i + 1; j < n; ++j)
                        curves += set->second.hasPair(i, j) ? 1 : 0;
            std::printf("dataset    %s (%s): %s, %zu examples, metric %s; evaluated %lld/%lld, "
                        "curves %lld/%lld\n",
                        d.name.c_str(), roleName(d.role), d.spec.c_str(), d.sampleRows.size(),
                        d.primaryMetric.c_str(), static_cast<long long>(evaluated),
                        static_cast<long long>(n), static_cast<long long>(curves),
                        static_cast<long long>(pairs));
        }
        std::printf("\n%-32s", "model");
        for (const DatasetEntry& d : study.datasets)
            std::printf(" %14s", (d.name + " " + d.primaryMetric).substr(0, 14).c_str());
        std::printf("\n");
        for (int64_t m = 0; m < n; ++m) {
            std::printf("%-32s", study.models[m].name.c_str());
            for (const DatasetEntry& d : study.datasets) {
                const auto evals = study.evaluations.find(d.name);
                const double value = evals != study.evaluations.end()
                                         ? evals->second[m].metric(d.primaryMetric)
                                         : std::nan("");
                if (std::isnan(value))
                    std::printf(" %14s", "-");
                else
                    std::printf(" %14.4f", value);
            }
            std::printf("\n");
        }
        if (!study.clusterings.empty() || !study.planes.empty())
            std::printf("\n%zu clusterings, %zu planes\n", study.clusterings.size(),
                        study.planes.size());
        return 0;
    });
}

} // namespace bs::cli
