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
    registerZooCommand(app, context);
    registerDemoCommand(app, context);
    registerPlaneCommand(app, context);
    registerDirectionsCommand(app, context);
    registerHessianCommand(app, context);
    registerTrajectoryCommand(app, context);
    registerCurveCommand(app, context);
    registerClusterCommand(app, context);
    registerSharpnessCommand(app, context);
    registerAttributeCommand(app, context);
    registerFlipsCommand(app, context);
    registerSoupCommand(app, context);
    registerBootstrapCommand(app, context);
    registerSubsetCommand(app, context);
    registerBenchCommand(app, context);
}

} // namespace bs::cli
