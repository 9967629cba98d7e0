// basinscope-cli subset: barrier metrics of a subset of a dataset's examples, from the
// per-example losses kept by `curves --example-losses` (no model runs).
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/text_output.h"
#include "core/common/error.h"
#include "core/jobs/subset_job.h"
#include "core/study/example_loss_store.h"
#include "core/study/study_store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bs::cli {

namespace {

double median(std::vector<double> v) {
    if (v.empty())
        return NAN;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

void registerSubsetCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::string dataset;
        std::vector<std::string> where;
        std::string csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "subset", "Barrier metrics of a subset of a dataset's examples from the stored "
                  "per-example losses (needs `curves --example-losses`)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--dataset", options->dataset, "Dataset (default: the surface dataset)");
    cmd->add_option("--where", options->where,
                    "COLUMN=VALUE (a column of the dataset's file, or label=NAME); repeat to "
                    "require several")
        ->required();
    cmd->add_option("--csv", options->csv, "BH, CG, peak excess and AUC per pair ('-' = stdout)");
    setCommandBody(*cmd, [options, &context]() {
        const Study study = readStudy(options->study);
        const ExampleLossStore store(options->study, study, false);
        SubsetRequest request;
        request.dataset = options->dataset;
        for (const std::string& condition : options->where) {
            const size_t eq = condition.find('=');
            if (eq == std::string::npos || eq == 0)
                throw Error("--where '" + condition + "': expected COLUMN=VALUE");
            request.where.emplace_back(condition.substr(0, eq), condition.substr(eq + 1));
        }
        ProgressPrinter printer("subset", context.quiet);
        const SubsetResult r =
            computeSubsetMatrices(study, store, request, Progress(printer.callback()));
        printer.finish();
        const int64_t d = study.datasetIndex(r.dataset);
        std::vector<double> subset, whole;
        const auto n = static_cast<int64_t>(study.models.size());
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j)
                if (!std::isnan(r.matrices.convexityGap(i, j))) {
                    subset.push_back(r.matrices.convexityGap(i, j));
                    whole.push_back(study.matrices.at(r.dataset).convexityGap.at(i, j));
                }
        std::printf("%s: %zu of %zu examples match; %lld pairs; CG median %.4g (whole dataset "
                    "%.4g), largest %.4g\n",
                    r.dataset.c_str(), r.examples.size(),
                    study.datasets[static_cast<size_t>(d)].sampleRows.size(),
                    static_cast<long long>(r.pairs), median(subset), median(whole),
                    subset.empty() ? NAN : *std::max_element(subset.begin(), subset.end()));
        if (r.pairsWithoutExamples > 0)
            std::printf("%lld computed pairs have no per-example losses (run `curves "
                        "--example-losses` to add them)\n",
                        static_cast<long long>(r.pairsWithoutExamples));
        if (!options->csv.empty())
            writeTextOutput(options->csv, subsetCsv(study, r), context.quiet);
        return 0;
    });
}

} // namespace bs::cli
