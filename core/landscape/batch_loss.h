#pragma once
// The differentiable loss of a few examples: what gradient-based analyses (sharpness, the
// Hessian) need, where the evaluator's batches compute without a graph.

#include "core/landscape/evaluator.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bs {

class SequenceClassifier;

// Mean cross-entropy of `examples` (indices into the evaluator's dataset) under `model`, with
// the dataset's label mapping (a dataset label covering several model labels takes their
// largest logit), as a tensor autograd can differentiate, twice if need be.
at::Tensor batchLoss(const SequenceClassifier& model, const Evaluator& evaluator,
                     const std::vector<int64_t>& examples);

} // namespace bs
