#include "core/models/transformer_ops.h"

#include "core/common/error.h"

#include <ATen/ATen.h>
#include <ATen/Dispatch.h>
#include <ATen/core/grad_mode.h>
#include <torch/version.h>

#include <cmath>
#include <limits>
#include <optional>
#include <sstream>

namespace bs::models {

Activation parseActivation(const std::string& name) {
    // Names as in transformers' ACT2FN; the three tanh-approximated GELUs are one formula.
    if (name == "gelu")
        return Activation::GeluErf;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
        return Activation::GeluTanh;
    if (name == "relu")
        return Activation::Relu;
    if (name == "silu")
        return Activation::Silu;
    throw Error("hidden activation '" + name +
                "' is not supported; expected one of gelu, gelu_new, gelu_pytorch_tanh, "
                "gelu_fast, relu, silu");
}

at::Tensor activateOwned(at::Tensor x, Activation act) {
    // Saving the extra buffer matters on the 4x-wide FFN activations; with autograd on,
    // the backward needs the input, so we allocate.
    const bool inPlace = !at::GradMode::is_enabled();
    switch (act) {
    case Activation::GeluErf:
        return inPlace ? at::gelu_(x) : at::gelu(x);
    case Activation::GeluTanh:
        return inPlace ? at::gelu_(x, "tanh") : at::gelu(x, "tanh");
    case Activation::Relu:
        return inPlace ? at::relu_(x) : at::relu(x);
    case Activation::Silu:
        return inPlace ? at::silu_(x) : at::silu(x);
    }
    return x;
}

at::Tensor Dropout::operator()(const at::Tensor& x, double p) const {
    if (!m_active || p <= 0.0)
        return x;
    if (p >= 1.0)
        return at::zeros_like(x);
    // Same scheme as torch.nn.functional.dropout: keep with 1-p, scale by 1/(1-p).
    at::Tensor keep = at::empty_like(x);
    if (m_generator.defined())
        keep.bernoulli_(1.0 - p, m_generator);
    else
        keep.bernoulli_(1.0 - p);
    keep.div_(1.0 - p);
    return x * keep;
}

at::Tensor linear(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
    return at::addmm(b, x, w.t());
}

namespace {

double lowestOf(at::ScalarType dtype) {
    double lowest = 0.0;
    AT_DISPATCH_FLOATING_TYPES_AND2(at::kHalf, at::kBFloat16, dtype, "lowestOf", [&] {
        lowest = static_cast<double>(std::numeric_limits<scalar_t>::lowest());
    });
    return lowest;
}

std::string sizesString(at::IntArrayRef sizes) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

at::Tensor checkedIds(const at::Tensor& t, const char* field, at::IntArrayRef shape,
                      const at::Device& device) {
    if (t.sizes() != shape)
        throw Error(std::string("token batch: ") + field + " has shape " + sizesString(t.sizes()) +
                    ", expected " + sizesString(shape) + " like input_ids");
    return t.to(device, at::kLong);
}

void checkRange(const at::Tensor& ids, const char* field, int64_t limit, const char* limitName) {
    const auto [lo, hi] = at::aminmax(ids);
    const int64_t low = lo.item<int64_t>();
    const int64_t high = hi.item<int64_t>();
    if (low < 0 || high >= limit)
        throw Error(std::string("token batch: ") + field + " must lie in [0, " +
                    std::to_string(limit) + ") (config " + limitName + "), found values in [" +
                    std::to_string(low) + ", " + std::to_string(high) + "]");
}

} // namespace

PreparedBatch prepareBatch(const TokenBatch& batch, const ModelConfig& config,
                           const at::Tensor& anyParameter, bool useTokenTypes) {
    if (!batch.inputIds.defined() || batch.inputIds.dim() != 2)
        throw Error("token batch: input_ids must be a 2-D tensor [batch, length]");
    if (!at::isIntegralType(batch.inputIds.scalar_type(), /*includeBool=*/false))
        throw Error(std::string("token batch: input_ids must hold integers, found ") +
                    c10::toString(batch.inputIds.scalar_type()));
    const at::Device device = anyParameter.device();
    PreparedBatch out;
    out.batch = batch.inputIds.size(0);
    out.length = batch.inputIds.size(1);
    if (out.batch == 0 || out.length == 0)
        throw Error("token batch: input_ids is empty (" + sizesString(batch.inputIds.sizes()) +
                    ")");
    const auto shape = batch.inputIds.sizes();
    out.inputIds = batch.inputIds.to(device, at::kLong);
    checkRange(out.inputIds, "input_ids", config.vocabSize, "vocab_size");
    // RoBERTa's positions depend on the ids and are checked where they are made.
    if (config.family != ModelFamily::Roberta && out.length > config.maxPositions)
        throw Error("token batch: length " + std::to_string(out.length) +
                    " exceeds max_position_embeddings " + std::to_string(config.maxPositions));

    if (useTokenTypes && config.typeVocabSize > 1 && batch.tokenTypeIds.defined()) {
        out.tokenTypeIds = checkedIds(batch.tokenTypeIds, "token_type_ids", shape, device);
        checkRange(out.tokenTypeIds, "token_type_ids", config.typeVocabSize, "type_vocab_size");
    }

    if (batch.attentionMask.defined()) {
        const at::Tensor mask = checkedIds(batch.attentionMask, "attention_mask", shape, device);
        const at::Tensor padded = mask.eq(0);
        // A batch without padding needs no mask pass over the scores.
        if (padded.any().item<bool>()) {
            const auto dtype = anyParameter.scalar_type();
            // HF adds the dtype's lowest value to the scores of padded keys.
            out.keyBias =
                at::zeros({out.batch, 1, 1, out.length}, anyParameter.options())
                    .masked_fill_(padded.view({out.batch, 1, 1, out.length}), lowestOf(dtype));
        }
    }
    return out;
}

namespace {

// Multi-head attention from fused projections qkv [B*L, 3H] to the context [B*L, H], in
// qkv's dtype. `queryScaled`: q already carries the 1/sqrt(head size) factor.
at::Tensor selfAttention(const at::Tensor& qkv, const PreparedBatch& batch,
                         const EncoderSettings& settings, const Dropout& dropout,
                         bool queryScaled) {
    const int64_t B = batch.batch;
    const int64_t L = batch.length;
    const int64_t heads = settings.heads;
    const int64_t hidden = qkv.size(1) / 3;
    const int64_t headDim = hidden / heads;
    const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
    const at::ScalarType dtype = qkv.scalar_type();
    // The mask in the scores' dtype. It is made in the parameters' dtype (fp32), whose
    // lowest value rounds to -inf in bf16 and fp16: clamp it to theirs, as HF has it.
    at::Tensor keyBias = batch.keyBias;
    if (keyBias.defined() && keyBias.scalar_type() != dtype) {
        keyBias = keyBias.to(dtype).clamp_min_(lowestOf(dtype));
    }
    // scaled_dot_product_attention takes a scale from LibTorch 2.1 on; 2.0 gets a pre-scaled
    // q the manual way below.
#ifdef BASINSCOPE_TORCH2
#if TORCH_VERSION_MAJOR > 2 || TORCH_VERSION_MINOR >= 1
    const bool fused = !dropout.active() || settings.attentionDropout <= 0.0;
    const std::optional<double> sdpaScale =
        queryScaled ? std::optional<double>(1.0) : std::optional<double>();
#else
    const bool fused = !queryScaled && (!dropout.active() || settings.attentionDropout <= 0.0);
#endif
    if (fused) {
        const at::Tensor parts = qkv.view({B, L, 3, heads, headDim}).permute({2, 0, 3, 1, 4});
        std::optional<at::Tensor> mask;
        if (keyBias.defined())
            mask = keyBias;
#if TORCH_VERSION_MAJOR > 2 || TORCH_VERSION_MINOR >= 1
        const at::Tensor context = at::scaled_dot_product_attention(parts[0], parts[1], parts[2],
                                                                    mask, 0.0, false, sdpaScale);
#else
        const at::Tensor context =
            at::scaled_dot_product_attention(parts[0], parts[1], parts[2], mask, 0.0, false);
#endif
        return context.transpose(1, 2).reshape({B * L, hidden});
    }
#endif
    // One copy brings q, k and v into [B*heads, L, headDim] blocks for the batched GEMMs.
    const at::Tensor parts =
        qkv.view({B, L, 3, heads, headDim}).permute({2, 0, 3, 1, 4}).contiguous();
    const at::Tensor q = parts[0].view({B * heads, L, headDim});
    const at::Tensor k = parts[1].view({B * heads, L, headDim});
    const at::Tensor v = parts[2].view({B * heads, L, headDim});
    at::Tensor scores = at::bmm(q, k.transpose(1, 2));
    if (!queryScaled)
        scores.mul_(scale);
    if (keyBias.defined())
        scores.view({B, heads, L, L}).add_(keyBias);
    // In bf16 and fp16 the CPU and CUDA softmax kernels accumulate in fp32 and round once:
    // the same as an fp32 softmax of these scores rounded for the next product.
    at::Tensor probs = at::softmax(scores, -1);
    probs = dropout(probs, settings.attentionDropout);
    const at::Tensor context = at::bmm(probs, v);
    return context.view({B, heads, L, headDim}).permute({0, 2, 1, 3}).reshape({B * L, hidden});
}

} // namespace

LayerMatrices layerMatrices(const ParameterSet& params, const EncoderLayerParams& layer,
                            size_t layerIndex, CastCache* casts, at::ScalarType dtype,
                            int64_t heads) {
    const auto& p = [&params](size_t i) -> const at::Tensor& {
        return params.tensor(i);
    };
    LayerMatrices m;
    if (!casts) {
        // Q, K and V in one GEMM: concatenating the weights costs 3*H*H copies per forward,
        // small against B*L*H*3H flops, and always sees the current (possibly rebound)
        // tensors.
        m.wqkv = at::cat({p(layer.wq), p(layer.wk), p(layer.wv)}, 0);
        m.bqkv = at::cat({p(layer.bq), p(layer.bk), p(layer.bv)}, 0);
        m.wo = p(layer.wo), m.bo = p(layer.bo);
        m.w1 = p(layer.w1), m.b1 = p(layer.b1);
        m.w2 = p(layer.w2), m.b2 = p(layer.b2);
        return m;
    }
    const size_t slot = 8 * layerIndex;
    const auto cast = [dtype](const std::vector<at::Tensor>& sources) {
        return sources.front().to(dtype);
    };
    // Scaled in the parameters' dtype, then rounded once.
    const int64_t queryRows = p(layer.wq).size(0);
    const double scale = 1.0 / std::sqrt(static_cast<double>(queryRows / heads));
    const auto fusedScaled = [dtype, queryRows, scale](const std::vector<at::Tensor>& sources) {
        at::Tensor fused = at::cat(sources, 0);
        fused.narrow(0, 0, queryRows).mul_(scale);
        return fused.to(dtype);
    };
    m.wqkv = casts->get(slot, {&p(layer.wq), &p(layer.wk), &p(layer.wv)}, fusedScaled);
    m.bqkv = casts->get(slot + 1, {&p(layer.bq), &p(layer.bk), &p(layer.bv)}, fusedScaled);
    m.queryScaled = true;
    m.wo = casts->get(slot + 2, {&p(layer.wo)}, cast);
    m.bo = casts->get(slot + 3, {&p(layer.bo)}, cast);
    m.w1 = casts->get(slot + 4, {&p(layer.w1)}, cast);
    m.b1 = casts->get(slot + 5, {&p(layer.b1)}, cast);
    m.w2 = casts->get(slot + 6, {&p(layer.w2)}, cast);
    m.b2 = casts->get(slot + 7, {&p(layer.b2)}, cast);
    return m;
}

namespace {

// `y`, a fresh product in the matrices' dtype, plus the residual `x`, in x's dtype: the
// residual stream and the LayerNorm after it never round to a reduced dtype.
at::Tensor addResidual(at::Tensor y, const at::Tensor& x) {
    if (y.scalar_type() == x.scalar_type())
        return y.add_(x); // a fresh tensor: addmm's and mul's backward do not need it
    // Widening first and adding in place is ~3x faster on the CPU than a mixed-dtype add.
    return y.to(x.scalar_type()).add_(x);
}

} // namespace

at::Tensor encoderLayer(const ParameterSet& params, const EncoderLayerParams& layer,
                        const LayerMatrices& m, const EncoderSettings& settings,
                        const at::Tensor& x, const PreparedBatch& batch, const Dropout& dropout) {
    const auto& p = [&params](size_t i) -> const at::Tensor& {
        return params.tensor(i);
    };
    const int64_t hidden = x.size(1);
    const at::ScalarType wide = x.scalar_type();
    const at::ScalarType compute = m.wqkv.scalar_type();
    const at::Tensor xc = compute == wide ? x : x.to(compute);
    const at::Tensor qkv = at::addmm(m.bqkv, xc, m.wqkv.t());
    const at::Tensor context = selfAttention(qkv, batch, settings, dropout, m.queryScaled);

    at::Tensor attended = linear(context, m.wo, m.bo);
    if (settings.dropoutAfterAttentionOutput)
        attended = dropout(attended, settings.hiddenDropout);
    attended = addResidual(std::move(attended), x);
    const at::Tensor h =
        at::layer_norm(attended, {hidden}, p(layer.ln1w), p(layer.ln1b), settings.eps);

    const at::Tensor hc = compute == wide ? h : h.to(compute);
    const at::Tensor inner = activateOwned(linear(hc, m.w1, m.b1), settings.activation);
    at::Tensor out = dropout(linear(inner, m.w2, m.b2), settings.hiddenDropout);
    out = addResidual(std::move(out), h);
    return at::layer_norm(out, {hidden}, p(layer.ln2w), p(layer.ln2b), settings.eps);
}

at::Tensor encoderLayer(const ParameterSet& params, const EncoderLayerParams& layer,
                        const EncoderSettings& settings, const at::Tensor& x,
                        const PreparedBatch& batch, const Dropout& dropout) {
    const LayerMatrices matrices =
        layerMatrices(params, layer, 0, nullptr, x.scalar_type(), settings.heads);
    return encoderLayer(params, layer, matrices, settings, x, batch, dropout);
}

} // namespace bs::models
