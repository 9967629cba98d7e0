#pragma once
// Fine-tuning one zoo model: classifier head drawn from its seed, AdamW, seeded data order.

#include "core/io/named_tensor.h"
#include "core/zoo/zoo_recipe.h"

#include <functional>
#include <vector>

namespace bs {
class SequenceClassifier;
struct EncodedDataset;
} // namespace bs

namespace bs::zoo {

// Called when the model has finished `step` steps and step is a checkpoint (recipe) or the
// last step; the model is in eval mode with its current weights during the call.
using CheckpointFn = std::function<void(int step, const SequenceClassifier& model)>;
// Called after every step with (steps done, steps, batch loss).
using FinetuneStepFn = std::function<void(int64_t, int64_t, double)>;

// Copies the pre-trained encoder (every "bert." tensor of `pretrained`) into `model`,
// draws the classifier head (from recipe.seed when recipe.sharedHead, else from `seed`),
// and trains every
// parameter on `train` (labels: the dataset's label ids, which equal the model's) for
// recipe.steps batches. Data order: a fresh splitmix64 permutation per epoch. Deterministic
// for (pretrained, train, recipe, seed) at one thread.
void fineTune(SequenceClassifier& model, const std::vector<NamedTensor>& pretrained,
              const EncodedDataset& train, const FinetuneRecipe& recipe, uint64_t seed,
              const CheckpointFn& onCheckpoint, const FinetuneStepFn& onStep = {});

} // namespace bs::zoo
