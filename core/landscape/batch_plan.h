#pragma once
// BatchPlan: length-sorted, per-batch padded token tensors, built once and reused.

#include "core/landscape/encoded_dataset.h"
#include "core/models/token_batch.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bs {

struct ModelConfig;

// The token budget a run uses when none is given: none (batchSize examples per batch, as
// every fp32 result so far was computed) in fp32; in a reduced precision, where the
// products are cheap and fixed-size batches of sorted lengths put the long tail's padding
// and quadratic attention into one huge last batch, 4096 padded tokens on the CPU
// (measured, docs/benchmark.md) and 16384 on a GPU (fills it; not measured here).
int64_t defaultTokenBudget(bool reducedPrecision, bool cuda);

struct PlannedBatch {
    TokenBatch tokens;
    at::Tensor labels;             // int64 [batch], dataset label indices
    std::vector<int64_t> examples; // positions in the EncodedDataset
    int64_t realTokens = 0;        // unpadded tokens
};

// Sorting by length keeps padding small (MNLI pairs range from ~10 to ~200 tokens); the batch
// tensors are built once per dataset and reused for every model and every point of a path.
class BatchPlan {
public:
    BatchPlan() = default;
    // `batchSize` examples per batch at most; ids are checked against the model's vocabulary.
    // With a `tokenBudget` > 0, a batch instead takes as many (length-sorted) examples as fit
    // in that many padded tokens, at least one: short examples go in large batches, which
    // keeps a GPU busy, long ones in small batches, which bounds memory.
    BatchPlan(const EncodedDataset& data, const ModelConfig& config, int64_t batchSize,
              at::Device device, int64_t tokenBudget = 0);

    const std::vector<PlannedBatch>& batches() const { return m_batches; }
    int64_t examples() const { return m_examples; }
    int64_t realTokens() const { return m_realTokens; }
    int64_t paddedTokens() const { return m_paddedTokens; }

private:
    std::vector<PlannedBatch> m_batches;
    int64_t m_examples = 0;
    int64_t m_realTokens = 0;
    int64_t m_paddedTokens = 0;
};

} // namespace bs
