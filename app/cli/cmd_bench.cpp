// basinscope-cli bench: time the points of one path and compare with a large matrix product
// in the same precision.
#include "app/cli/commands.h"
#include "core/jobs/benchmark.h"
#include "core/jobs/store_benchmark.h"

#include <cstdio>

namespace bs::cli {

namespace {

int runStoreBench(StoreBenchmarkOptions options, int64_t points, const CliContext& context) {
    options.points = points;
    if (options.folder.empty())
        options.folder = ".";
    const auto rows = runStoreBenchmark(options, [&](const std::string& line) {
        if (!context.quiet)
            std::fprintf(stderr, "%s\n", line.c_str());
    });
    std::printf("study store: one pair saved in place (%lld points, %lld datasets, %lld pairs "
                "per size, folder %s)\n",
                static_cast<long long>(options.points), static_cast<long long>(options.datasets),
                static_cast<long long>(options.pairs), options.folder.string().c_str());
    std::printf("%8s %10s %12s %14s %12s %16s\n", "models", "file MB", "create ms", "pair ms (med)",
                "pair ms (max)", "whole rewrite ms");
    for (const StoreBenchmarkRow& r : rows)
        std::printf("%8lld %10.1f %12.1f %14.3f %12.3f %16.1f\n", static_cast<long long>(r.models),
                    r.fileBytes / 1e6, r.createSeconds * 1e3, r.medianPairSeconds * 1e3,
                    r.maxPairSeconds * 1e3, r.wholeRewriteSeconds * 1e3);
    if (rows.size() >= 2)
        std::printf("largest / smallest study, per-pair save: %.2fx\n",
                    rows.back().medianPairSeconds / rows.front().medianPairSeconds);
    return 0;
}

} // namespace

void registerBenchCommand(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<BenchmarkOptions>();
    auto labels = std::make_shared<std::string>();
    auto store = std::make_shared<StoreBenchmarkOptions>();
    auto storeMode = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand(
        "bench", "Evaluate the points of one path: time per point, tokens/s, GFLOP/s and the "
                 "ratio to a large matrix product measured in the same run");
    cmd->add_option(
           "--geometry", options->geometry,
           "Synthetic models: bert-mini, bert-small, bert-medium, bert-base, L,H or L,H,A,I")
        ->capture_default_str();
    cmd->add_option("--examples", options->examples, "Synthetic examples (MNLI-like lengths)")
        ->capture_default_str();
    cmd->add_option("--model-a", options->modelA, "Checkpoint folder (instead of --geometry)");
    cmd->add_option("--model-b", options->modelB, "Second checkpoint folder");
    cmd->add_option("--dataset", options->datasetSpec, "Dataset spec FILE:FORMAT[:options]");
    cmd->add_option("--model-labels", *labels, "The models' label names in id order");
    cmd->add_option("--points", options->points, "Points on the path")->capture_default_str();
    cmd->add_option("--max-length", options->maxLength, "Tokens per example")
        ->capture_default_str();
    cmd->add_option("--seed", options->seed, "Seed of the synthetic models and lengths");
    cmd->add_flag("--store", *storeMode,
                  "Time the study store instead: saving one finished pair into studies of "
                  "--store-models models, with real writes");
    cmd->add_option("--store-models", store->models, "Study sizes for --store")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("--store-pairs", store->pairs, "Pairs saved per size for --store")
        ->capture_default_str();
    cmd->add_option("--store-folder", store->folder,
                    "Folder the --store studies are written to (default: the current folder)");
    addComputeOptions(*cmd, context);
    setCommandBody(*cmd, [options, labels, store, storeMode, &context]() {
        if (*storeMode)
            return runStoreBench(*store, options->points, context);
        context.applyThreads();
        options->batchSize = context.batchSize;
        options->device = context.device;
        options->precision = context.parsedPrecision();
        options->tokenBudget = context.tokenBudget;
        options->modelLabels = splitList(*labels);
        const BenchmarkResult r = runBenchmark(*options, [&](const std::string& line) {
            if (!context.quiet)
                std::fprintf(stderr, "%s\n", line.c_str());
        });
        std::printf("device            %s\n", r.device.c_str());
        std::printf("model             %s\n", r.geometry.c_str());
        std::printf("precision         %s\n", precisionName(r.precision));
        std::printf("examples          %lld (%lld tokens, %lld padded, %.1f%% padding)\n",
                    static_cast<long long>(r.examples), static_cast<long long>(r.realTokens),
                    static_cast<long long>(r.paddedTokens),
                    100.0 * double(r.paddedTokens - r.realTokens) / double(r.paddedTokens));
        if (r.tokenBudget > 0)
            std::printf("batches           %lld per point (token budget %lld)\n",
                        static_cast<long long>(r.batches), static_cast<long long>(r.tokenBudget));
        else
            std::printf("batches           %lld per point (up to %lld examples)\n",
                        static_cast<long long>(r.batches),
                        static_cast<long long>(options->batchSize));
        std::printf("time per point    %.1f ms (median of %zu)\n", r.medianSeconds * 1e3,
                    r.pointSeconds.size());
        std::printf("tokens/s          %.0f\n", r.tokensPerSecond);
        std::printf("achieved          %.1f GFLOP/s (%.3g GFLOP per point, unpadded tokens)\n",
                    r.achievedGflops, r.flopsPerPoint / 1e9);
        std::printf("%-17s %.1f GFLOP/s\n", r.matmulKind.c_str(), r.matmulGflops);
        std::printf("roofline ratio    %.3f\n", r.rooflineRatio);
        return 0;
    });
}

} // namespace bs::cli
