// basinscope-cli: loss-surface studies from the command line (no Qt).
#include "app/cli/cli_context.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"BasinScope: linear mode connectivity between fine-tuned networks"};
    app.require_subcommand(1);
    app.fallthrough(); // global flags such as --quiet may follow the command
    app.set_version_flag("--version", "basinscope-cli " BASINSCOPE_VERSION);

    bs::cli::CliContext context;
    app.add_flag("-q,--quiet", context.quiet, "No progress output");
    bs::cli::registerCommands(app, context);

    bs::cli::installInterruptHandler();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return bs::cli::commandExitCode();
}
