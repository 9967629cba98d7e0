#pragma once
// One register function per basinscope-cli command; each lives in cmd_<name>.cpp.

#include "app/cli/cli_context.h"

namespace bs::cli {

void registerCommands(CLI::App& app, CliContext& context);

void registerNewCommand(CLI::App& app, CliContext& context);
void registerEditCommand(CLI::App& app, CliContext& context);
void registerEvalCommand(CLI::App& app, CliContext& context);
void registerPredictCommand(CLI::App& app, CliContext& context);
void registerCurvesCommand(CLI::App& app, CliContext& context);
void registerMetricsCommand(CLI::App& app, CliContext& context);
void registerExportCommand(CLI::App& app, CliContext& context);
void registerInfoCommand(CLI::App& app, CliContext& context);
void registerMergeCommand(CLI::App& app, CliContext& context);
void registerTokenizeCommand(CLI::App& app, CliContext& context);
void registerZooCommand(CLI::App& app, CliContext& context);
void registerDemoCommand(CLI::App& app, CliContext& context);
void registerBenchCommand(CLI::App& app, CliContext& context);
void registerPlaneCommand(CLI::App& app, CliContext& context);
void registerDirectionsCommand(CLI::App& app, CliContext& context);
void registerHessianCommand(CLI::App& app, CliContext& context);
void registerTrajectoryCommand(CLI::App& app, CliContext& context);
void registerCurveCommand(CLI::App& app, CliContext& context);
void registerClusterCommand(CLI::App& app, CliContext& context);
void registerSharpnessCommand(CLI::App& app, CliContext& context);
void registerAttributeCommand(CLI::App& app, CliContext& context);
void registerFlipsCommand(CLI::App& app, CliContext& context);
void registerSoupCommand(CLI::App& app, CliContext& context);
void registerBootstrapCommand(CLI::App& app, CliContext& context);
void registerSubsetCommand(CLI::App& app, CliContext& context);

} // namespace bs::cli
