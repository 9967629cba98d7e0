// basinscope-cli curves: interpolation curves of every (or the chosen) model pair.
#include "app/cli/cli_study.h"
#include "app/cli/commands.h"
#include "app/cli/progress_printer.h"
#include "core/common/error.h"
#include "core/study/example_loss_store.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace bs::cli {

namespace {

std::vector<std::pair<std::string, std::string>> parsePairs(const std::vector<std::string>& items) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const std::string& item : items) {
        const size_t colon = item.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
            throw Error("--pairs '" + item + "': expected MODEL_A:MODEL_B");
        pairs.emplace_back(item.substr(0, colon), item.substr(colon + 1));
    }
    return pairs;
}

std::pair<int64_t, int64_t> parseShard(const std::string& text) {
    const size_t slash = text.find('/');
    try {
        if (slash != std::string::npos) {
            size_t used = 0;
            const int64_t k = std::stoll(text.substr(0, slash), &used);
            const int64_t n = std::stoll(text.substr(slash + 1));
            if (used == slash && k >= 1 && n >= 1 && k <= n)
                return {k, n};
        }
    } catch (const std::exception&) {
    }
    throw Error("--shard '" + text + "': expected k/n with 1 <= k <= n, e.g. 2/8");
}

} // namespace

void registerCurvesCommand(CLI::App& app, CliContext& context) {
    struct Options {
        std::string study;
        std::vector<std::string> pairs;
        std::string shard;
        std::string output;
        bool exampleLosses = false;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "curves", "Interpolation curves between model pairs (resumable; saved after every pair)");
    cmd->add_option("study", options->study, "Study file")->required();
    cmd->add_option("--pairs", options->pairs, "Only these pairs: MODEL_A:MODEL_B ...")
        ->delimiter(',');
    cmd->add_option("--shard", options->shard,
                    "Compute shard k of n of the pairs into a separate file (merge them later)");
    cmd->add_option("--output", options->output,
                    "With --shard: the shard file (default: STUDY.shard-K-of-N.h5)");
    cmd->add_flag("--example-losses", options->exampleLosses,
                  "Also keep every example's loss at every point (STUDY.examples folder; for "
                  "`bootstrap`); pairs computed before get computed again for them");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, &context]() {
        context.applyThreads();
        std::filesystem::path target = options->study;
        if (options->exampleLosses && !options->shard.empty())
            throw Error("--example-losses cannot be combined with --shard yet: shards would "
                        "keep their per-example losses apart from the study");
        if (!options->shard.empty()) {
            const auto [k, n] = parseShard(options->shard);
            std::filesystem::path output = options->output;
            if (output.empty()) {
                output = target;
                output.replace_extension();
                output += ".shard-" + std::to_string(k) + "-of-" + std::to_string(n) + ".h5";
            }
            // The shard starts as a copy of the study, so it can also resume.
            if (!std::filesystem::exists(output)) {
                StudyLock lock(output, "basinscope-cli curves --shard");
                writeStudy(readStudy(target), output);
            }
            target = output;
        } else if (!options->output.empty()) {
            throw Error("--output is only used with --shard");
        }
        WritableStudy writable(target, "basinscope-cli curves");
        Study& study = writable.study();
        std::vector<ModelPair> pairs = options->pairs.empty()
                                           ? allPairs(static_cast<int64_t>(study.models.size()))
                                           : pairsByName(study, parsePairs(options->pairs));
        if (!options->shard.empty()) {
            const auto [k, n] = parseShard(options->shard);
            pairs = shardPairs(pairs, k, n);
        }
        StudySession session(study, computeOptions(context));
        ProgressPrinter printer("curves", context.quiet);
        JobHooks hooks = cliHooks(printer.callback(), writable);
        // Once a study keeps per-example losses, every later run keeps them too.
        std::unique_ptr<ExampleLossStore> examples;
        if (options->exampleLosses) {
            examples = std::make_unique<ExampleLossStore>(target, study, true);
        } else if (ExampleLossStore::exists(target)) {
            try {
                examples = std::make_unique<ExampleLossStore>(target, study, false);
            } catch (const Error& e) {
                // E.g. models were added since: the curves still get computed.
                std::cerr << "warning: " << e.what()
                          << "; per-example losses are not kept in this run\n";
            }
        }
        hooks.exampleLosses = examples.get();
        const auto start = std::chrono::steady_clock::now();
        computeCurves(study, session, pairs, hooks);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        printer.finish();
        if (!context.quiet) {
            int64_t complete = 0;
            const auto& curves = study.curves[study.surfaceDataset()->name];
            for (const auto& [i, j] : pairs)
                complete += curves.hasPair(i, j) ? 1 : 0;
            std::cout << complete << " of " << pairs.size() << " pairs complete in "
                      << target.string() << "\n";
            // The store's share tells whether saving, not computing, limits a large study.
            if (examples)
                std::printf(
                    "per-example losses: %lld of %zu pairs in %s\n",
                    static_cast<long long>(examples->pairsStored()),
                    static_cast<size_t>(pairCount(static_cast<int64_t>(study.models.size()))),
                    examples->folder().string().c_str());
            std::printf("store: %.3f s of %.3f s (%.2f%%)\n", writable.storeSeconds(), seconds,
                        seconds > 0 ? 100.0 * writable.storeSeconds() / seconds : 0.0);
        }
        return 0;
    });
}

} // namespace bs::cli
