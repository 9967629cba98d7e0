#pragma once
// BertEncoderView: the token states of a BERT classifier's encoder, for pre-training heads.

#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"

#include <ATen/core/Tensor.h>

#include <vector>

namespace bs::zoo {

// SequenceClassifier::forward returns logits only; MLM needs every token's state. This view
// runs the same embedding and models::encoderLayer code on the classifier's own parameters
// (found by their Hugging Face names), so pre-training updates exactly the tensors the
// fine-tuned classifier starts from.
class BertEncoderView {
public:
    // Throws bs::Error unless `model` is a BERT classifier.
    explicit BertEncoderView(const SequenceClassifier& model);

    // Hidden states [B, L, H]. Dropout follows the model's training flag and generator.
    at::Tensor hiddenStates(const TokenBatch& batch) const;
    // BertPooler: tanh(dense(state of token 0)) [B, H].
    at::Tensor pooled(const at::Tensor& hidden) const;
    // Every encoder and pooler parameter name ("bert." prefix), i.e. what pre-training trains
    // besides its own heads.
    std::vector<std::string> encoderParameterNames() const;

private:
    const SequenceClassifier& m_model;
    models::EncoderSettings m_settings;
    size_t m_wordEmb = 0, m_posEmb = 0, m_typeEmb = 0, m_embLnW = 0, m_embLnB = 0;
    size_t m_poolerW = 0, m_poolerB = 0;
    std::vector<models::EncoderLayerParams> m_layers;
};

} // namespace bs::zoo
