#pragma once
// Evaluator: loss, accuracy, F1 and MCC of a classifier on one encoded dataset.

#include "core/data/label_mapping.h"
#include "core/landscape/batch_plan.h"
#include "core/landscape/evaluation.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <memory>
#include <vector>

namespace bs {

class SequenceClassifier;

// Called after each batch with (batches done, batches in total). It may throw (e.g.
// bs::Cancelled) to stop an evaluation; jobs that must finish a point simply do not.
using BatchCallback = std::function<void(int64_t done, int64_t total)>;

struct EvalOptions {
    int64_t batchSize = 64;
    at::Device device = at::kCPU;
    int64_t tokenBudget = 0; // > 0: padded tokens per batch instead of batchSize examples
};

// Built once per (dataset, architecture); evaluate() may then be called for every model or
// interpolated point. Runs in inference mode; mean cross-entropy over the dataset's classes
// after the label mapping (a 3-way NLI model on HANS scores non-entailment by
// max(neutral, contradiction)), on logits in the parameters' dtype (fp32 also when the
// model's precision is reduced), summed in double.
class Evaluator {
public:
    Evaluator(const EncodedDataset& data, const ModelConfig& config, LabelMapping mapping,
              EvalOptions options = {});

    // `exampleLosses`, when given, receives each example's cross-entropy in dataset order (the
    // values whose mean is the loss; float32, from the same computation).
    Evaluation evaluate(const SequenceClassifier& model, const BatchCallback& onBatch = {},
                        std::vector<float>* exampleLosses = nullptr) const;
    // The model's raw logits [examples, model labels] in dataset order (float64, CPU).
    at::Tensor logits(const SequenceClassifier& model, const BatchCallback& onBatch = {}) const;
    int64_t batches() const { return static_cast<int64_t>(m_plan.batches().size()); }

    const BatchPlan& plan() const { return m_plan; }
    const EncodedDataset& data() const { return m_data; }
    const LabelMapping& mapping() const { return m_mapping; }
    int64_t classes() const { return static_cast<int64_t>(m_data.labelNames.size()); }

private:
    at::Tensor reduce(const at::Tensor& logits) const;
    // Under reduced precision, throws bs::Error naming the model, the dataset and the first
    // row whose logits are NaN or infinite (an overflow) instead of averaging them away.
    void checkFinite(const SequenceClassifier& model, const PlannedBatch& batch,
                     const at::Tensor& logits) const;

    EncodedDataset m_data;
    LabelMapping m_mapping;
    EvalOptions m_options;
    BatchPlan m_plan;
    at::Tensor m_selectIndex; // when every dataset label maps to exactly one logit
};

} // namespace bs
