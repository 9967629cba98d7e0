#include "core/zoo/bert_encoder.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

namespace bs::zoo {

namespace {

size_t indexOf(const ParameterSet& params, const std::string& name) {
    const int64_t i = params.find(name);
    if (i < 0)
        throw Error("BERT encoder: the model has no parameter '" + name + "'");
    return static_cast<size_t>(i);
}

} // namespace

BertEncoderView::BertEncoderView(const SequenceClassifier& model)
    : m_model(model) {
    const ModelConfig& c = model.config();
    if (c.family != ModelFamily::Bert)
        throw Error(std::string("BERT encoder: pre-training needs a BERT model, found ") +
                    familyName(c.family));
    m_settings.heads = c.numHeads;
    m_settings.activation = models::parseActivation(c.hiddenAct);
    m_settings.eps = c.layerNormEps;
    m_settings.hiddenDropout = c.hiddenDropout;
    m_settings.attentionDropout = c.attentionDropout;
    m_settings.dropoutAfterAttentionOutput = true;
    const ParameterSet& p = model.parameters();
    const std::string e = "bert.embeddings.";
    m_wordEmb = indexOf(p, e + "word_embeddings.weight");
    m_posEmb = indexOf(p, e + "position_embeddings.weight");
    m_typeEmb = indexOf(p, e + "token_type_embeddings.weight");
    m_embLnW = indexOf(p, e + "LayerNorm.weight");
    m_embLnB = indexOf(p, e + "LayerNorm.bias");
    m_poolerW = indexOf(p, "bert.pooler.dense.weight");
    m_poolerB = indexOf(p, "bert.pooler.dense.bias");
    for (int64_t i = 0; i < c.numLayers; ++i) {
        const std::string l = "bert.encoder.layer." + std::to_string(i) + ".";
        models::EncoderLayerParams q{};
        q.wq = indexOf(p, l + "attention.self.query.weight");
        q.bq = indexOf(p, l + "attention.self.query.bias");
        q.wk = indexOf(p, l + "attention.self.key.weight");
        q.bk = indexOf(p, l + "attention.self.key.bias");
        q.wv = indexOf(p, l + "attention.self.value.weight");
        q.bv = indexOf(p, l + "attention.self.value.bias");
        q.wo = indexOf(p, l + "attention.output.dense.weight");
        q.bo = indexOf(p, l + "attention.output.dense.bias");
        q.ln1w = indexOf(p, l + "attention.output.LayerNorm.weight");
        q.ln1b = indexOf(p, l + "attention.output.LayerNorm.bias");
        q.w1 = indexOf(p, l + "intermediate.dense.weight");
        q.b1 = indexOf(p, l + "intermediate.dense.bias");
        q.w2 = indexOf(p, l + "output.dense.weight");
        q.b2 = indexOf(p, l + "output.dense.bias");
        q.ln2w = indexOf(p, l + "output.LayerNorm.weight");
        q.ln2b = indexOf(p, l + "output.LayerNorm.bias");
        m_layers.push_back(q);
    }
}

at::Tensor BertEncoderView::hiddenStates(const TokenBatch& tokens) const {
    const ParameterSet& params = m_model.parameters();
    const auto& p = [&params](size_t i) -> const at::Tensor& {
        return params.tensor(i);
    };
    const ModelConfig& c = m_model.config();
    const models::PreparedBatch batch =
        models::prepareBatch(tokens, c, p(m_wordEmb), /*useTokenTypes=*/true);
    const int64_t B = batch.batch;
    const int64_t L = batch.length;
    const int64_t H = c.hiddenSize;
    const models::Dropout dropout(m_model.training(), m_model.dropoutGenerator());

    // As BertClassifier::forward: word + position + token type, LayerNorm, dropout.
    at::Tensor h = at::embedding(p(m_wordEmb), batch.inputIds);
    h = h + p(m_posEmb).narrow(0, 0, L);
    if (batch.tokenTypeIds.defined())
        h = h + at::embedding(p(m_typeEmb), batch.tokenTypeIds);
    else
        h = h + p(m_typeEmb)[0];
    h = at::layer_norm(h.reshape({B * L, H}), {H}, p(m_embLnW), p(m_embLnB), m_settings.eps);
    h = dropout(h, m_settings.hiddenDropout);
    for (const models::EncoderLayerParams& layer : m_layers)
        h = models::encoderLayer(params, layer, m_settings, h, batch, dropout);
    return h.view({B, L, H});
}

at::Tensor BertEncoderView::pooled(const at::Tensor& hidden) const {
    const ParameterSet& params = m_model.parameters();
    return at::tanh(
        models::linear(hidden.select(1, 0), params.tensor(m_poolerW), params.tensor(m_poolerB)));
}

std::vector<std::string> BertEncoderView::encoderParameterNames() const {
    std::vector<std::string> names;
    for (const NamedTensor& t : m_model.parameters().items())
        if (t.name.rfind("bert.", 0) == 0)
            names.push_back(t.name);
    return names;
}

} // namespace bs::zoo
