#pragma once
// Settings shared by every basinscope-cli command (threads, batch size, device).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace bs::cli {

struct CliContext {
    int threads = 0;        // 0: LibTorch's default (all cores)
    int64_t batchSize = 64; // examples per batch (batches are length-sorted)
    std::string device = "cpu";
    bool quiet = false;

    // Applies --threads; call at the start of every command that computes.
    void applyThreads() const;
};

// Adds --threads/--batch-size/--device to a subcommand that computes.
void addComputeOptions(CLI::App& command, CliContext& context);

// A command's body: returns the process exit code. Exceptions of type bs::Error are
// printed as "error: <message>" and give exit code 1.
using CommandBody = std::function<int()>;
void setCommandBody(CLI::App& command, CommandBody body);

// Exit code of the command that ran (set by the callback installed by setCommandBody).
int& commandExitCode();

} // namespace bs::cli
