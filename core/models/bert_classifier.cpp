#include "core/models/bert_classifier.h"

#include "core/common/error.h"
#include "core/models/precision_support.h"

#include <ATen/ATen.h>

namespace bs::models {

BertClassifier::BertClassifier(ModelConfig config, at::ScalarType dtype)
    : SequenceClassifier(std::move(config)) {
    const ModelConfig& c = m_config;
    const std::string base = isRoberta() ? "roberta." : "bert.";
    const int64_t H = c.hiddenSize;
    m_settings.heads = c.numHeads;
    m_settings.activation = parseActivation(c.hiddenAct);
    m_settings.eps = c.layerNormEps;
    m_settings.hiddenDropout = c.hiddenDropout;
    m_settings.attentionDropout = c.attentionDropout;
    m_settings.dropoutAfterAttentionOutput = true;

    using R = ParamRole;
    const std::string emb = base + "embeddings.";
    m_wordEmb = addParameter(emb + "word_embeddings.weight", {c.vocabSize, H}, dtype, R::Embedding,
                             c.padTokenId);
    // RoBERTa's position table has padding_idx = pad_token_id as well (HF RobertaEmbeddings).
    m_posEmb = addParameter(emb + "position_embeddings.weight", {c.maxPositions, H}, dtype,
                            R::Embedding, isRoberta() ? c.padTokenId : -1);
    m_typeEmb = addParameter(emb + "token_type_embeddings.weight", {c.typeVocabSize, H}, dtype,
                             R::Embedding);
    m_embLnW = addParameter(emb + "LayerNorm.weight", {H}, dtype, R::NormWeight);
    m_embLnB = addParameter(emb + "LayerNorm.bias", {H}, dtype, R::NormBias);

    for (int64_t i = 0; i < c.numLayers; ++i) {
        const std::string l = base + "encoder.layer." + std::to_string(i) + ".";
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
        linear("attention.self.query", H, H, p.wq, p.bq);
        linear("attention.self.key", H, H, p.wk, p.bk);
        linear("attention.self.value", H, H, p.wv, p.bv);
        linear("attention.output.dense", H, H, p.wo, p.bo);
        norm("attention.output.LayerNorm", p.ln1w, p.ln1b);
        linear("intermediate.dense", c.intermediateSize, H, p.w1, p.b1);
        linear("output.dense", H, c.intermediateSize, p.w2, p.b2);
        norm("output.LayerNorm", p.ln2w, p.ln2b);
        m_layers.push_back(p);
    }

    const int64_t labels = c.numLabels();
    if (isRoberta()) {
        m_head1W = addParameter("classifier.dense.weight", {H, H}, dtype, R::LinearWeight);
        m_head1B = addParameter("classifier.dense.bias", {H}, dtype, R::Bias);
        m_head2W = addParameter("classifier.out_proj.weight", {labels, H}, dtype, R::LinearWeight);
        m_head2B = addParameter("classifier.out_proj.bias", {labels}, dtype, R::Bias);
    } else {
        m_head1W = addParameter("bert.pooler.dense.weight", {H, H}, dtype, R::LinearWeight);
        m_head1B = addParameter("bert.pooler.dense.bias", {H}, dtype, R::Bias);
        m_head2W = addParameter("classifier.weight", {labels, H}, dtype, R::LinearWeight);
        m_head2B = addParameter("classifier.bias", {labels}, dtype, R::Bias);
    }
}

at::Tensor BertClassifier::robertaPositionIds(const at::Tensor& inputIds) const {
    // transformers' create_position_ids_from_input_ids: padding keeps padding_idx, real
    // tokens count up from padding_idx + 1.
    const int64_t pad = m_config.padTokenId;
    const at::Tensor real = inputIds.ne(pad).to(at::kLong);
    at::Tensor positions = at::cumsum(real, 1).mul_(real).add_(pad);
    const int64_t maxPosition = positions.max().item<int64_t>();
    if (maxPosition >= m_config.maxPositions)
        throw Error("token batch: RoBERTa position id " + std::to_string(maxPosition) +
                    " (pad_token_id " + std::to_string(pad) + " + the number of non-pad tokens)" +
                    " exceeds max_position_embeddings - 1 = " +
                    std::to_string(m_config.maxPositions - 1) + "; shorten the sequences");
    return positions;
}

at::Tensor BertClassifier::forward(const TokenBatch& tokens) const {
    const auto& p = [this](size_t i) -> const at::Tensor& {
        return m_params.tensor(i);
    };
    const PreparedBatch batch =
        prepareBatch(tokens, m_config, p(m_wordEmb), /*useTokenTypes=*/true);
    const int64_t B = batch.batch;
    const int64_t L = batch.length;
    const int64_t H = m_config.hiddenSize;
    const Dropout dropout(m_training, m_dropoutGenerator);

    at::Tensor h = at::embedding(p(m_wordEmb), batch.inputIds); // [B, L, H], ours to modify
    if (isRoberta())
        h.add_(at::embedding(p(m_posEmb), robertaPositionIds(batch.inputIds)));
    else
        h.add_(p(m_posEmb).narrow(0, 0, L)); // positions 0..L-1, broadcast over the batch
    if (batch.tokenTypeIds.defined())
        h.add_(at::embedding(p(m_typeEmb), batch.tokenTypeIds));
    else
        h.add_(p(m_typeEmb)[0]); // all-zero token types: one row for every token
    h = at::layer_norm(h.view({B * L, H}), {H}, p(m_embLnW), p(m_embLnB), m_settings.eps);
    h = dropout(h, m_settings.hiddenDropout);

    const at::ScalarType compute = precisionDtype(m_precision);
    for (size_t i = 0; i < m_layers.size(); ++i) {
        const LayerMatrices matrices =
            layerMatrices(m_params, m_layers[i], i, casts(), compute, m_settings.heads);
        h = encoderLayer(m_params, m_layers[i], matrices, m_settings, h, batch, dropout);
    }

    const at::Tensor first = h.view({B, L, H}).select(1, 0); // [CLS] / <s>
    const double headDropout = m_config.classifierDropout;
    at::Tensor x;
    if (isRoberta()) {
        // RobertaClassificationHead: dropout, dense, tanh, dropout, out_proj.
        x = at::tanh(linear(dropout(first, headDropout), p(m_head1W), p(m_head1B)));
    } else {
        // BertPooler (dense + tanh on token 0), then dropout and the classifier.
        x = at::tanh(linear(first, p(m_head1W), p(m_head1B)));
    }
    return linear(dropout(x, headDropout), p(m_head2W), p(m_head2B));
}

} // namespace bs::models
