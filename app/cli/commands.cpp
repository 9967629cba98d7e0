#include "app/cli/commands.h"

namespace bs::cli {

void registerCommands(CLI::App& app, CliContext& context) {
    (void)app;
    (void)context;
}

} // namespace bs::cli
