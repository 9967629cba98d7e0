#pragma once
// Settings shared by every basinscope-cli command (threads, batch size, device).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bs::cli {

struct CliContext {
    int threads = 0;        // 0: LibTorch's default (all cores)
    int64_t batchSize = 64; // examples per batch (batches are length-sorted)
    std::string device = "cpu";
    std::string memory; // model cache budget, e.g. "12G"; empty = half of RAM
    bool quiet = false;

    // Applies --threads; call at the start of every command that computes.
    void applyThreads() const;
};

// Adds --threads/--batch-size/--device/--memory to a subcommand that computes.
void addComputeOptions(CLI::App& command, CliContext& context);

// A command's body: returns the process exit code. Exceptions of type bs::Error are
// printed as "error: <message>" and give exit code 1.
using CommandBody = std::function<int()>;
void setCommandBody(CLI::App& command, CommandBody body);

// "a,b,,c" -> {"a", "b", "c"} (empty items dropped).
std::vector<std::string> splitList(const std::string& text, char separator = ',');

// Exit code of the command that ran (set by the callback installed by setCommandBody).
int& commandExitCode();

} // namespace bs::cli
