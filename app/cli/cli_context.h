#pragma once
// Settings shared by every basinscope-cli command (threads, batch size, device, precision).

#include "core/models/precision.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bs::cli {

struct CliContext {
    int threads = 0;        // 0: LibTorch's default (all cores)
    int64_t batchSize = 64; // examples per batch (batches are length-sorted)
    std::string device = "cpu";
    std::string memory;    // model cache budget, e.g. "12G"; empty = half of RAM
    std::string precision; // fp32, bf16 or fp16; empty = the device's default
    // Padded tokens per batch; 0 = batchSize examples per batch; empty = the default
    // (none in fp32, a budget in bf16/fp16: defaultTokenBudget).
    std::optional<int64_t> tokenBudget;
    bool quiet = false;

    // Applies --threads; call at the start of every command that computes.
    void applyThreads() const;
    // --precision parsed; empty when not given (the device's default applies).
    std::optional<Precision> parsedPrecision() const;
};

// Adds --threads/--batch-size/--token-budget/--device/--precision/--memory to a subcommand
// that computes.
void addComputeOptions(CLI::App& command, CliContext& context);

// A command's body: returns the process exit code. Exceptions of type bs::Error are
// printed as "error: <message>" and give exit code 1.
using CommandBody = std::function<int()>;
void setCommandBody(CLI::App& command, CommandBody body);

// "a,b,,c" -> {"a", "b", "c"} (empty items dropped).
std::vector<std::string> splitList(const std::string& text, char separator = ',');

// The two model names of a --pair A,B option; throws bs::Error otherwise.
std::pair<std::string, std::string> parsePairOption(const std::string& text);

// Exit code of the command that ran (set by the callback installed by setCommandBody).
int& commandExitCode();

} // namespace bs::cli
