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
        if (!study.hessians.empty())
            std::printf("\nHessians (Lanczos top eigenvalue, Hutchinson trace)\n");
        for (const HessianResult& h : study.hessians)
            for (const HessianGroupValue& g : h.groups)
                std::printf("  %-30s %-10s %-24s top %.6g, trace %.6g +- %.2g%s\n", h.model.c_str(),
                            h.dataset.c_str(), g.group.empty() ? "all parameters" : g.group.c_str(),
                            g.value.eigenvalues.empty() ? std::nan("") : g.value.eigenvalues[0],
                            g.value.trace, g.value.traceStandardError,
                            g.value.density.empty() ? "" : ", density");
        if (!study.trainedCurves.empty())
            std::printf("\ntrained curves (barrier height of the loss: line -> curve)\n");
        for (const TrainedCurve& c : study.trainedCurves) {
            std::printf("  %-10s %s -> %s, %s, %lld steps:", c.id.c_str(), c.first.c_str(),
                        c.second.c_str(), curveKindName(c.training.kind),
                        static_cast<long long>(c.training.steps));
            for (const CurveComparison& d : c.datasets)
                std::printf(" %s %.4g -> %.4g", d.dataset.c_str(), d.line.barrierHeight,
                            d.curve.barrierHeight);
            std::printf("\n");
        }
        return 0;
    });
}

} // namespace bs::cli
