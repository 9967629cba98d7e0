#pragma once
// The evaluation benchmark: points of one linear path, timed and compared with sgemm.

#include "core/io/model_config.h"
#include "core/models/precision.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bs {

// A BERT geometry for synthetic models: "bert-mini" (4 layers, hidden 256), "bert-small"
// (4, 512), "bert-medium" (8, 512), "bert-base" (12, 768), or "L,H" / "L,H,A,I".
ModelConfig benchmarkGeometry(const std::string& name);

// Lengths that follow MNLI pairs: log-normal with mean ~39 tokens, clipped to [6, maxLength];
// deterministic for a seed.
std::vector<int64_t> mnliLikeLengths(int64_t count, uint64_t seed, int64_t maxLength = 256);

struct BenchmarkOptions {
    // Either two checkpoint folders and a dataset spec, or a geometry for synthetic inputs.
    std::filesystem::path modelA, modelB;
    std::string datasetSpec;
    std::vector<std::string> modelLabels;
    std::string geometry = "bert-mini";
    int64_t examples = 512;
    int64_t points = 10;
    int64_t batchSize = 64;
    int64_t maxLength = 256;
    std::string device = "cpu";
    std::optional<Precision> precision; // empty: the device's default
    std::optional<int64_t> tokenBudget; // padded tokens per batch; 0: batchSize examples;
                                        // empty: defaultTokenBudget
    uint64_t seed = 1;
};

struct BenchmarkResult {
    std::string device;   // "cpu (2 threads)" or the GPU name
    std::string geometry; // "4 layers, hidden 256, 4 heads, FFN 1024"
    Precision precision = Precision::Fp32;
    int64_t batches = 0;     // per point
    int64_t tokenBudget = 0; // the one used (0: batchSize examples per batch)
    int64_t examples = 0;
    int64_t realTokens = 0; // unpadded tokens per point
    int64_t paddedTokens = 0;
    double flopsPerPoint = 0;         // matmul FLOPs of the unpadded tokens (see docs/benchmark.md)
    std::vector<double> pointSeconds; // per point: lerp + evaluation
    double medianSeconds = 0;
    double tokensPerSecond = 0;
    double achievedGflops = 0;
    // A large matrix product in the run's precision (2048^3 on the CPU, 8192^3 on a GPU),
    // best of several runs: the rate the evaluation's own products could reach at most.
    double matmulGflops = 0;
    std::string matmulKind;   // "sgemm 2048", "bf16 gemm 2048", "bf16 gemm 8192", ...
    double rooflineRatio = 0; // achievedGflops / matmulGflops
};

// Matmul FLOPs of one BERT forward over a sequence of `length` tokens (2 m n k per product:
// Q, K, V, output projections, attention scores and values, FFN, pooler and classifier).
double bertForwardFlops(const ModelConfig& config, int64_t length);

BenchmarkResult runBenchmark(const BenchmarkOptions& options,
                             const std::function<void(const std::string&)>& log = {});

} // namespace bs
