#include "core/models/distilbert_classifier.h"

#include "core/models/precision_support.h"

#include <ATen/ATen.h>

namespace bs::models {

DistilBertClassifier::DistilBertClassifier(ModelConfig config, at::ScalarType dtype)
    : SequenceClassifier(std::move(config)) {
    const ModelConfig& c = m_config;
    const int64_t H = c.hiddenSize;
    m_settings.heads = c.numHeads;
    m_settings.activation = parseActivation(c.hiddenAct);
    m_settings.eps = kLayerNormEps;
    m_settings.hiddenDropout = c.hiddenDropout;
    m_settings.attentionDropout = c.attentionDropout;
    // DistilBERT's attention block ends at out_lin; only the FFN output has dropout.
    m_settings.dropoutAfterAttentionOutput = false;

    using R = ParamRole;
    m_wordEmb = addParameter("distilbert.embeddings.word_embeddings.weight", {c.vocabSize, H},
                             dtype, R::Embedding, c.padTokenId);
    m_posEmb = addParameter("distilbert.embeddings.position_embeddings.weight", {c.maxPositions, H},
                            dtype, R::Embedding);
    m_embLnW = addParameter("distilbert.embeddings.LayerNorm.weight", {H}, dtype, R::NormWeight);
    m_embLnB = addParameter("distilbert.embeddings.LayerNorm.bias", {H}, dtype, R::NormBias);

    for (int64_t i = 0; i < c.numLayers; ++i) {
        const std::string l = "distilbert.transformer.layer." + std::to_string(i) + ".";
        const auto linear = [&](const std::string& name, int64_t out, int64_t in, size_t& w,
                                size_t& b) {
            w = addParameter(l + name + ".weight", {out, in}, dtype, R::LinearWeight);
            b = addParameter(l + name + ".bias", {out}, dtype, R::Bias);
        };
        const auto norm = [&](const std::string& name, size_t& w, size_t& b) {
            w = addParameter(l + name + ".weight", {H}, dtype, R::NormWeight);
            b = addParameter(l + name + ".bias", {H}, dtype, R::NormBias);
        };
        EncoderLayerParams p{};
        linear("attention.q_lin", H, H, p.wq, p.bq);
        linear("attention.k_lin", H, H, p.wk, p.bk);
        linear("attention.v_lin", H, H, p.wv, p.bv);
        linear("attention.out_lin", H, H, p.wo, p.bo);
        norm("sa_layer_norm", p.ln1w, p.ln1b);
        linear("ffn.lin1", c.intermediateSize, H, p.w1, p.b1);
        linear("ffn.lin2", H, c.intermediateSize, p.w2, p.b2);
        norm("output_layer_norm", p.ln2w, p.ln2b);
        m_layers.push_back(p);
    }

    m_preW = addParameter("pre_classifier.weight", {H, H}, dtype, R::LinearWeight);
    m_preB = addParameter("pre_classifier.bias", {H}, dtype, R::Bias);
    m_clsW = addParameter("classifier.weight", {c.numLabels(), H}, dtype, R::LinearWeight);
    m_clsB = addParameter("classifier.bias", {c.numLabels()}, dtype, R::Bias);
}

at::Tensor DistilBertClassifier::forward(const TokenBatch& tokens) const {
    const auto& p = [this](size_t i) -> const at::Tensor& {
        return m_params.tensor(i);
    };
    const PreparedBatch batch =
        prepareBatch(tokens, m_config, p(m_wordEmb), /*useTokenTypes=*/false);
    const int64_t B = batch.batch;
    const int64_t L = batch.length;
    const int64_t H = m_config.hiddenSize;
    const Dropout dropout(m_training, m_dropoutGenerator);

    at::Tensor h = at::embedding(p(m_wordEmb), batch.inputIds);
    h.add_(p(m_posEmb).narrow(0, 0, L));
    h = at::layer_norm(h.view({B * L, H}), {H}, p(m_embLnW), p(m_embLnB), m_settings.eps);
    h = dropout(h, m_settings.hiddenDropout);

    const at::ScalarType compute = precisionDtype(m_precision);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const LayerMatrices matrices =
            layerMatrices(m_params, m_layers[i], i, casts(), compute, m_settings.heads);
        h = encoderLayer(m_params, m_layers[i], matrices, m_settings, h, batch, dropout);
    }

    // Token 0, pre_classifier, ReLU, dropout (seq_classif_dropout), classifier.
    const at::Tensor first = h.view({B, L, H}).select(1, 0);
    const at::Tensor x = at::relu(linear(first, p(m_preW), p(m_preB)));
    return linear(dropout(x, m_config.classifierDropout), p(m_clsW), p(m_clsB));
}

} // namespace bs::models
