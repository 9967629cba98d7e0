#include "core/landscape/evaluator.h"

#include "core/common/error.h"
#include "core/landscape/classification_metrics.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>

#include <limits>

namespace bs {

namespace {
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();
}

Evaluator::Evaluator(const EncodedDataset& data, const ModelConfig& config, LabelMapping mapping,
                     EvalOptions options)
    : m_data(data)
    , m_mapping(std::move(mapping))
    , m_options(options)
    , m_plan(m_data, config, options.batchSize, options.device, options.tokenBudget) {
    if (m_mapping.modelIndices.size() != m_data.labelNames.size())
        throw Error("label mapping has " + std::to_string(m_mapping.modelIndices.size()) +
                    " entries for " + std::to_string(m_data.labelNames.size()) + " dataset labels");
    bool simple = true;
    std::vector<int64_t> select;
    for (const auto& indices : m_mapping.modelIndices) {
        if (indices.empty())
            throw Error("label mapping has a dataset label with no model logit");
        for (int64_t index : indices)
            if (index < 0 || index >= config.numLabels())
                throw Error("label mapping refers to logit " + std::to_string(index) +
                            " but the model has " + std::to_string(config.numLabels()));
        simple = simple && indices.size() == 1;
        select.push_back(indices.front());
    }
    if (simple)
        m_selectIndex = at::tensor(select, at::kLong).to(options.device);
}

at::Tensor Evaluator::reduce(const at::Tensor& logits) const {
    if (m_selectIndex.defined())
        return logits.index_select(1, m_selectIndex);
    std::vector<at::Tensor> columns;
    columns.reserve(m_mapping.modelIndices.size());
    for (const auto& indices : m_mapping.modelIndices) {
        at::Tensor column = logits.select(1, indices.front());
        for (size_t i = 1; i < indices.size(); ++i)
            column = at::maximum(column, logits.select(1, indices[i]));
        columns.push_back(column);
    }
    return at::stack(columns, 1);
}

void Evaluator::checkFinite(const SequenceClassifier& model, const PlannedBatch& batch,
                            const at::Tensor& logits) const {
    if (model.precision() == Precision::Fp32)
        return;
    const at::Tensor finite = at::isfinite(logits).all(1).to(at::kCPU);
    if (finite.all().item<bool>())
        return;
    const bool* ok = finite.data_ptr<bool>();
    int64_t bad = 0;
    int64_t first = -1;
    for (int64_t i = 0; i < finite.size(0); ++i)
        if (!ok[i]) {
            if (first < 0)
                first = i;
            ++bad;
        }
    const int64_t example = batch.examples[static_cast<size_t>(first)];
    const std::string who = model.description().empty() ? "the model" : model.description();
    throw Error(who + ": logits are NaN or infinite in " + precisionName(model.precision()) +
                " on dataset '" + m_data.name + "' (row " +
                std::to_string(m_data.rows[static_cast<size_t>(example)] + 1) + " and " +
                std::to_string(bad - 1) +
                " more in its batch): the reduced precision overflowed; use --precision fp32");
}

Evaluation Evaluator::evaluate(const SequenceClassifier& model, const BatchCallback& onBatch,
                               std::vector<float>* exampleLosses) const {
    at::InferenceMode guard;
    if (exampleLosses)
        exampleLosses->assign(static_cast<size_t>(m_data.size()), kNaNf);
    ConfusionMatrix confusion(classes());
    double lossSum = 0.0;
    const auto& batches = m_plan.batches();
    for (size_t b = 0; b < batches.size(); ++b) {
        const PlannedBatch& batch = batches[b];
        const at::Tensor logits = model.forward(batch.tokens);
        checkFinite(model, batch, logits);
        const at::Tensor reduced = reduce(logits);
        // Loss in the logits' dtype, summed per batch and accumulated in double.
        const at::Tensor logProbs = at::log_softmax(reduced, 1);
        const at::Tensor picked = logProbs.gather(1, batch.labels.unsqueeze(1));
        lossSum -= picked.sum().item<double>();
        if (exampleLosses) {
            const at::Tensor losses = picked.neg().reshape({-1}).to(at::kCPU, at::kFloat);
            const float* v = losses.data_ptr<float>();
            for (size_t e = 0; e < batch.examples.size(); ++e)
                (*exampleLosses)[static_cast<size_t>(batch.examples[e])] = v[e];
        }
        const at::Tensor predicted = reduced.argmax(1).to(at::kCPU);
        const at::Tensor truth = batch.labels.to(at::kCPU);
        const int64_t* p = predicted.data_ptr<int64_t>();
        const int64_t* t = truth.data_ptr<int64_t>();
        for (int64_t i = 0; i < predicted.size(0); ++i)
            confusion.add(t[i], p[i]);
        if (onBatch)
            onBatch(static_cast<int64_t>(b + 1), static_cast<int64_t>(batches.size()));
    }
    Evaluation result;
    result.examples = confusion.total();
    if (result.examples == 0)
        return result;
    result.loss = lossSum / double(result.examples);
    result.accuracy = confusion.accuracy();
    result.f1 = confusion.studyF1(m_data.positiveLabel);
    result.mcc = confusion.mcc();
    return result;
}

at::Tensor Evaluator::logits(const SequenceClassifier& model, const BatchCallback& onBatch) const {
    at::InferenceMode guard;
    at::Tensor out = at::empty({m_data.size(), model.config().numLabels()}, at::kDouble);
    const auto& batches = m_plan.batches();
    for (size_t b = 0; b < batches.size(); ++b) {
        const PlannedBatch& batch = batches[b];
        const at::Tensor forward = model.forward(batch.tokens);
        checkFinite(model, batch, forward);
        const at::Tensor logits = forward.to(at::kCPU, at::kDouble);
        const at::Tensor index = at::tensor(batch.examples, at::kLong);
        out.index_copy_(0, index, logits);
        if (onBatch)
            onBatch(static_cast<int64_t>(b + 1), static_cast<int64_t>(batches.size()));
    }
    return out;
}

} // namespace bs
