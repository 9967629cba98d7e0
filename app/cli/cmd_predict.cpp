// basinscope-cli predict: per-example logits as JSON lines, to diff against transformers.
#include "app/cli/cli_model_input.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

namespace bs::cli {

void registerPredictCommand(CLI::App& app, CliContext& context) {
    struct Options {
        ModelInputOptions input;
        std::string output;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "predict", "Write one JSON object per example: index, row, label, logits");
    addModelInputOptions(*cmd, options->input);
    cmd->add_option("--output", options->output, "JSONL file to write ('-' = standard output)")
        ->required();
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        ModelInput input = loadModelInput(options->input, context);
        if (!context.quiet)
            std::cerr << input.datasetDescription << "\n";
        ProgressPrinter printer("predict", context.quiet);
        Progress progress(printer.callback(), interruptToken());
        const at::Tensor logits = input.evaluator->logits(
            *input.model, [&](int64_t done, int64_t total) { progress.step(done, total); });
        printer.finish();
        const EncodedDataset& data = input.evaluator->data();
        std::ostringstream out;
        out.precision(17);
        const double* values = logits.data_ptr<double>();
        const int64_t classes = logits.size(1);
        for (int64_t i = 0; i < data.size(); ++i) {
            nlohmann::json row;
            row["index"] = i;
            row["row"] = data.rows[static_cast<size_t>(i)];
            row["label"] =
                data.labelNames[static_cast<size_t>(data.labels[static_cast<size_t>(i)])];
            row["logits"] = std::vector<double>(values + i * classes, values + (i + 1) * classes);
            out << row.dump() << '\n';
        }
        if (options->output == "-")
            std::cout << out.str();
        else {
            AtomicFile file(options->output);
            const std::string text = out.str();
            file.write(text.data(), text.size());
            file.commit();
        }
        if (!context.quiet && options->output != "-")
            std::cerr << "wrote " << data.size() << " predictions to " << options->output << "\n";
        return 0;
    });
}

} // namespace bs::cli
