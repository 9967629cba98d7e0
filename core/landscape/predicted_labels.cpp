#include "core/landscape/predicted_labels.h"

#include <ATen/ATen.h>

namespace bs {

std::vector<int64_t> predictedLabels(const Evaluator& evaluator, const SequenceClassifier& model,
                                     const BatchCallback& onBatch) {
    const at::Tensor logits = evaluator.logits(model, onBatch).contiguous();
    const auto& columns = evaluator.mapping().modelIndices;
    const int64_t examples = logits.size(0);
    const int64_t width = logits.size(1);
    const double* x = logits.data_ptr<double>();
    std::vector<int64_t> out(static_cast<size_t>(examples), -1);
    for (int64_t e = 0; e < examples; ++e) {
        double best = 0.0;
        for (size_t label = 0; label < columns.size(); ++label) {
            double score = x[e * width + columns[label].front()];
            for (const int64_t c : columns[label])
                score = std::max(score, x[e * width + c]);
            if (out[static_cast<size_t>(e)] < 0 || score > best) {
                best = score;
                out[static_cast<size_t>(e)] = static_cast<int64_t>(label);
            }
        }
    }
    return out;
}

} // namespace bs
