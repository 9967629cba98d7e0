#pragma once
// One register function per basinscope-cli command; each lives in cmd_<name>.cpp.

#include "app/cli/cli_context.h"

namespace bs::cli {

void registerCommands(CLI::App& app, CliContext& context);

} // namespace bs::cli
