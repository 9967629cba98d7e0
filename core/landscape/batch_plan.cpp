#include "core/landscape/batch_plan.h"

#include "core/common/error.h"
#include "core/io/model_config.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <numeric>

namespace bs {

int64_t defaultTokenBudget(bool reducedPrecision, bool cuda) {
    if (!reducedPrecision)
        return 0;
    return cuda ? 16384 : 4096;
}

BatchPlan::BatchPlan(const EncodedDataset& data, const ModelConfig& config, int64_t batchSize,
                     at::Device device, int64_t tokenBudget) {
    if (batchSize < 1)
        throw Error("batch size must be at least 1");
    if (tokenBudget < 0)
        throw Error("token budget must not be negative");
    const int64_t n = data.size();
    m_examples = n;
    for (int64_t i = 0; i < n; ++i) {
        const auto& ids = data.inputIds[i];
        if (ids.empty())
            throw Error(data.name + " row " + std::to_string(data.rows[i] + 1) + ": no tokens");
        if (config.maxPositions > 0 && static_cast<int64_t>(ids.size()) > config.maxPositions)
            throw Error(data.name + " row " + std::to_string(data.rows[i] + 1) + ": " +
                        std::to_string(ids.size()) + " tokens exceed the model's " +
                        std::to_string(config.maxPositions) + " positions");
        for (int64_t id : ids)
            if (id < 0 || id >= config.vocabSize)
                throw Error(data.name + " row " + std::to_string(data.rows[i] + 1) + ": token id " +
                            std::to_string(id) + " outside the vocabulary (size " +
                            std::to_string(config.vocabSize) + ")");
    }

    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // Stable, so equal lengths keep file order and the plan is the same on every run.
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return data.inputIds[a].size() < data.inputIds[b].size();
    });

    const bool withTypes = config.typeVocabSize > 1;
    const auto lengthOf = [&](int64_t sorted) {
        return static_cast<int64_t>(data.inputIds[order[sorted]].size());
    };
    for (int64_t start = 0, end = 0; start < n; start = end) {
        if (tokenBudget > 0) {
            // Sorted ascending, so the last example added sets the padded length.
            end = start + 1;
            while (end < n && (end - start + 1) * lengthOf(end) <= tokenBudget)
                ++end;
        } else {
            end = std::min(n, start + batchSize);
        }
        const int64_t rows = end - start;
        int64_t length = 0;
        for (int64_t r = start; r < end; ++r)
            length = std::max<int64_t>(length, lengthOf(r));

        at::Tensor ids = at::full({rows, length}, config.padTokenId, at::kLong);
        at::Tensor mask = at::zeros({rows, length}, at::kLong);
        at::Tensor types = withTypes ? at::zeros({rows, length}, at::kLong) : at::Tensor();
        at::Tensor labels = at::empty({rows}, at::kLong);
        auto idsA = ids.accessor<int64_t, 2>();
        auto maskA = mask.accessor<int64_t, 2>();
        auto labelsA = labels.accessor<int64_t, 1>();

        PlannedBatch batch;
        for (int64_t r = 0; r < rows; ++r) {
            const int64_t example = order[start + r];
            const auto& exampleIds = data.inputIds[example];
            const auto& exampleTypes = data.tokenTypeIds[example];
            for (size_t t = 0; t < exampleIds.size(); ++t) {
                idsA[r][t] = exampleIds[t];
                maskA[r][t] = 1;
            }
            if (withTypes) {
                auto typesA = types.accessor<int64_t, 2>();
                for (size_t t = 0; t < exampleTypes.size(); ++t)
                    typesA[r][t] = exampleTypes[t];
            }
            labelsA[r] = data.labels[example];
            batch.examples.push_back(example);
            batch.realTokens += static_cast<int64_t>(exampleIds.size());
        }
        batch.tokens.inputIds = ids.to(device);
        batch.tokens.attentionMask = mask.to(device);
        if (withTypes)
            batch.tokens.tokenTypeIds = types.to(device);
        batch.labels = labels.to(device);
        m_realTokens += batch.realTokens;
        m_paddedTokens += rows * length;
        m_batches.push_back(std::move(batch));
    }
}

} // namespace bs
