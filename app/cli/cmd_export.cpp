// basinscope-cli export: a study's matrices, evaluations or curves as CSV.
#include "app/cli/commands.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/study/study_csv.h"
#include "core/study/study_store.h"

#include <iostream>

namespace bs::cli {

namespace {

// The two exports that are not a matrix.
const std::string kEvaluations = "evaluations";
const std::string kCurves = "curves";

} // namespace

void registerExportCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::string what = matrixId(MatrixKind::ConvexityGap);
        std::string dataset;
        std::string csv;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("export", "Write results as CSV");
    cmd->add_option("study", options->study, "Study file")->required();
    std::vector<std::string> choices = matrixIds();
    choices.insert(choices.end(), {kEvaluations, kCurves});
    cmd->add_option("--what", options->what,
                    matrixIdList() + ", " + kEvaluations + " or " + kCurves)
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
    cmd->add_option("--dataset", options->dataset, "Dataset name (default: the surface dataset)");
    cmd->add_option("--csv", options->csv, "Output file ('-' = standard output)")->required();
    setCommandBody(*cmd, [options, &context]() {
        const Study study = readStudy(options->study);
        std::string dataset = options->dataset;
        if (dataset.empty() && study.surfaceDataset())
            dataset = study.surfaceDataset()->name;
        std::string text;
        if (options->what == kEvaluations)
            text = evaluationsCsv(study);
        else if (options->what == kCurves)
            text = curvesCsv(study, dataset);
        else
            text = matrixCsv(study, options->what, dataset);
        if (options->csv == "-") {
            std::cout << text;
        } else {
            AtomicFile file(options->csv);
            file.write(text.data(), text.size());
            file.commit();
            if (!context.quiet)
                std::cerr << "wrote " << options->csv << "\n";
        }
        return 0;
    });
}

} // namespace bs::cli
