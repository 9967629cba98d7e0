#pragma once
// DistilBertClassifier: DistilBertForSequenceClassification.

#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"

#include <vector>

namespace bs::models {

class DistilBertClassifier final : public SequenceClassifier {
public:
    DistilBertClassifier(ModelConfig config, at::ScalarType dtype);
    at::Tensor forward(const TokenBatch& batch) const override;

    // transformers hard-codes DistilBERT's LayerNorm eps (the config has no field).
    static constexpr double kLayerNormEps = 1e-12;

private:
    EncoderSettings m_settings;
    size_t m_wordEmb = 0, m_posEmb = 0, m_embLnW = 0, m_embLnB = 0;
    std::vector<EncoderLayerParams> m_layers;
    size_t m_preW = 0, m_preB = 0, m_clsW = 0, m_clsB = 0;
};

} // namespace bs::models
