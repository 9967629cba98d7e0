#include "app/cli/cli_context.h"

#include "core/common/error.h"

#include <ATen/Parallel.h>

#include <iostream>

namespace bs::cli {

void CliContext::applyThreads() const {
    if (threads > 0) {
        at::set_num_threads(threads);
        at::set_num_interop_threads(1);
    }
}

void addComputeOptions(CLI::App& command, CliContext& context) {
    command.add_option("--threads", context.threads, "Compute threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--batch-size", context.batchSize, "Examples per batch")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command.add_option("--device", context.device, "cpu, or cuda where LibTorch has it")
        ->check(CLI::IsMember({"cpu", "cuda"}))
        ->capture_default_str();
}

int& commandExitCode() {
    static int code = 0;
    return code;
}

void setCommandBody(CLI::App& command, CommandBody body) {
    command.callback([body = std::move(body)]() {
        try {
            commandExitCode() = body();
        } catch (const bs::Cancelled&) {
            std::cerr << "\ninterrupted: finished work is saved\n";
            commandExitCode() = 130;
        } catch (const bs::Error& e) {
            std::cerr << "error: " << e.what() << "\n";
            commandExitCode() = 1;
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << "\n";
            commandExitCode() = 1;
        }
    });
}

} // namespace bs::cli
