#pragma once
// Training helpers shared by pre-training and fine-tuning: batches, schedule, AdamW, seeds.

#include "core/models/sequence_classifier.h"
#include "core/models/token_batch.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bs::zoo {

// A seed for one purpose of one run, so that runs never share a random stream:
// splitmix64 of base, the tag's characters and k.
uint64_t deriveSeed(uint64_t base, const std::string& tag, uint64_t k = 0);

// Pads `ids` (and `types`) to the longest row with `padId`; attention mask 1 on real tokens.
TokenBatch padBatch(const std::vector<std::vector<int64_t>>& ids,
                    const std::vector<std::vector<int64_t>>& types, int64_t padId);

// Hugging Face get_linear_schedule_with_warmup: 0 -> peak over `warmup` steps, then linear
// decay to 0 at `total`.
double linearWarmupDecay(int64_t step, int64_t total, int64_t warmup, double peak);

// AdamW over a set of tensors, with Hugging Face's grouping: no weight decay for biases
// and LayerNorm weights. Keeps torch::optim out of the headers.
class AdamW {
public:
    // `names` parallel to `params` decide the grouping (".bias", "LayerNorm").
    AdamW(const std::vector<at::Tensor>& params, const std::vector<std::string>& names,
          double weightDecay);
    ~AdamW();
    AdamW(const AdamW&) = delete;
    AdamW& operator=(const AdamW&) = delete;

    void zeroGrad();
    // Clips the global gradient norm to `maxNorm` (<= 0: no clipping), then steps with `lr`.
    // Returns the norm before clipping.
    double step(double lr, double maxNorm = 1.0);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Makes every parameter of `model` a leaf that requires grad (or not), in place.
void setRequiresGrad(SequenceClassifier& model, bool requiresGrad);

// Pins LibTorch (intra-op, inter-op) and OpenBLAS to one thread: training results then do
// not depend on the machine's core count. Returns the previous intra-op thread count.
int useSingleThread();
void restoreThreads(int threads);

} // namespace bs::zoo
