#pragma once
// Epsilon-sharpness (Keskar et al. 2017, as in the paper's appendix F.4).

#include "core/landscape/evaluator.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>

namespace bs {

class ParameterSpace;
class Progress;

struct SharpnessOptions {
    double epsilon = 1e-5;       // box |dx_i| <= epsilon (|x_i| + 1)
    int64_t steps = 8192;        // projected gradient-ascent updates
    double learningRate = 8e-5;  // SGD step on the loss gradient
    int64_t batchSize = 32;      // examples per gradient batch
    int64_t accumulate = 4;      // batches whose gradients are summed per update
    int64_t evaluateEvery = 256; // full-set evaluations of the perturbed model (the max is kept)
    uint64_t seed = 0;           // batch order
};

struct SharpnessValue {
    double initialLoss = 0;  // f(x) on the evaluation set
    double maximumLoss = 0;  // the largest f(x + y) seen (>= initialLoss)
    double sharpness = 0;    // (maximumLoss - initialLoss) / (1 + initialLoss) * 100
    int64_t steps = 0;
};

// Maximises the loss over the box around `flat` by SGD ascent with the gradient summed over
// `accumulate` batches, clamping into the box after every update. The loss is evaluated on
// the evaluator's whole dataset at the start, every `evaluateEvery` updates and at the end.
// Deterministic for a seed (given the thread count). Uses `space`'s architecture; the working
// model is left at `flat`.
SharpnessValue epsilonSharpness(ParameterSpace& space, const at::Tensor& flat,
                                const Evaluator& evaluator, const SharpnessOptions& options,
                                const Progress& progress);

} // namespace bs
