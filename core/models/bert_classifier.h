#pragma once
// BertClassifier: BertForSequenceClassification and RobertaForSequenceClassification.

#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"

#include <vector>

namespace bs::models {

// RoBERTa is BERT with pad-offset positions, no pooler and a two-layer head on token 0,
// so one class serves both; the family in the config picks the names and the head.
class BertClassifier final : public SequenceClassifier {
public:
    BertClassifier(ModelConfig config, at::ScalarType dtype);
    at::Tensor forward(const TokenBatch& batch) const override;

private:
    bool isRoberta() const { return m_config.family == ModelFamily::Roberta; }
    at::Tensor robertaPositionIds(const at::Tensor& inputIds) const;

    EncoderSettings m_settings;
    size_t m_wordEmb = 0, m_posEmb = 0, m_typeEmb = 0, m_embLnW = 0, m_embLnB = 0;
    std::vector<EncoderLayerParams> m_layers;
    // BERT: pooler dense (head1) + classifier (head2). RoBERTa: classifier.dense (head1)
    // + classifier.out_proj (head2).
    size_t m_head1W = 0, m_head1B = 0, m_head2W = 0, m_head2B = 0;
};

} // namespace bs::models
