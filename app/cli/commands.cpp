#include "app/cli/commands.h"

namespace bs::cli {

void registerCommands(CLI::App& app, CliContext& context) {
    registerNewCommand(app, context);
    registerEditCommand(app, context);
    registerEvalCommand(app, context);
    registerPredictCommand(app, context);
    registerCurvesCommand(app, context);
    registerMetricsCommand(app, context);
    registerExportCommand(app, context);
    registerInfoCommand(app, context);
    registerMergeCommand(app, context);
    registerTokenizeCommand(app, context);
}

} // namespace bs::cli
