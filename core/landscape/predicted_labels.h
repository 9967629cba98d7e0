#pragma once
// The dataset label a model predicts for each example of an evaluator's dataset.

#include "core/landscape/evaluator.h"

#include <vector>

namespace bs {

class SequenceClassifier;

// argmax over the dataset's labels of the logits the label mapping assigns to each (the max of
// several: HANS non-entailment), per example in dataset order. Ties go to the lower label, as
// the evaluator's accuracy counts them.
std::vector<int64_t> predictedLabels(const Evaluator& evaluator, const SequenceClassifier& model,
                                     const BatchCallback& onBatch = {});

} // namespace bs
