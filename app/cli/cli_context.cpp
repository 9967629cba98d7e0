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

std::optional<Precision> CliContext::parsedPrecision() const {
    if (precision.empty())
        return std::nullopt;
    return parsePrecision(precision);
}

void addComputeOptions(CLI::App& command, CliContext& context) {
    command.add_option("--threads", context.threads, "Compute threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--batch-size", context.batchSize, "Examples per batch")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command
        .add_option("--token-budget", context.tokenBudget,
                    "Padded tokens per batch instead of --batch-size examples; 0: --batch-size "
                    "(default: 0 in fp32, 4096 in bf16/fp16 on cpu, 16384 on cuda)")
        ->check(CLI::NonNegativeNumber);
    command.add_option("--device", context.device, "cpu, or cuda where LibTorch has it")
        ->check(CLI::IsMember({"cpu", "cuda"}))
        ->capture_default_str();
    command
        .add_option("--precision", context.precision,
                    "Matrix products in fp32, bf16 or fp16 (default: fp32 on cpu, bf16 on cuda; "
                    "interpolation, softmax and loss stay fp32)")
        ->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
    command.add_option("--memory", context.memory,
                       "Memory for cached models, e.g. 12G (default: half of RAM)");
}

std::vector<std::string> splitList(const std::string& text, char separator) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = text.find(separator, start);
        std::string item =
            text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!item.empty())
            out.push_back(std::move(item));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return out;
}

std::pair<std::string, std::string> parsePairOption(const std::string& text) {
    const auto names = splitList(text);
    if (names.size() != 2)
        throw Error("--pair needs two model names, A,B; got '" + text + "'");
    return {names[0], names[1]};
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
