#include "core/landscape/batch_loss.h"

#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace bs {

at::Tensor batchLoss(const SequenceClassifier& model, const Evaluator& evaluator,
                     const std::vector<int64_t>& examples) {
    const EncodedDataset& data = evaluator.data();
    int64_t length = 0;
    for (int64_t e : examples)
        length = std::max<int64_t>(length, data.inputIds[e].size());
    const int64_t rows = static_cast<int64_t>(examples.size());
    const ModelConfig& config = model.config();
    at::Tensor ids = at::full({rows, length}, config.padTokenId, at::kLong);
    at::Tensor mask = at::zeros({rows, length}, at::kLong);
    at::Tensor types = at::zeros({rows, length}, at::kLong);
    at::Tensor labels = at::empty({rows}, at::kLong);
    auto idsA = ids.accessor<int64_t, 2>();
    auto maskA = mask.accessor<int64_t, 2>();
    auto typesA = types.accessor<int64_t, 2>();
    auto labelsA = labels.accessor<int64_t, 1>();
    for (int64_t r = 0; r < rows; ++r) {
        const auto& exampleIds = data.inputIds[examples[r]];
        const auto& exampleTypes = data.tokenTypeIds[examples[r]];
        for (size_t t = 0; t < exampleIds.size(); ++t) {
            idsA[r][t] = exampleIds[t];
            maskA[r][t] = 1;
            typesA[r][t] = t < exampleTypes.size() ? exampleTypes[t] : 0;
        }
        labelsA[r] = data.labels[examples[r]];
    }
    const at::Device device = model.parameters().tensor(0).device();
    TokenBatch batch{ids.to(device), mask.to(device),
                     config.typeVocabSize > 1 ? types.to(device) : at::Tensor()};
    const at::Tensor logits = model.forward(batch);
    std::vector<at::Tensor> columns;
    for (const auto& indices : evaluator.mapping().modelIndices) {
        at::Tensor column = logits.select(1, indices.front());
        for (size_t i = 1; i < indices.size(); ++i)
            column = at::maximum(column, logits.select(1, indices[i]));
        columns.push_back(column);
    }
    return at::cross_entropy_loss(at::stack(columns, 1), labels.to(device));
}

} // namespace bs
