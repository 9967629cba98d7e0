#pragma once
// Functional pieces shared by the BERT-family encoders (ATen ops, autograd-friendly).

#include "core/io/model_config.h"
#include "core/models/cast_cache.h"
#include "core/models/parameter_set.h"
#include "core/models/token_batch.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <string>

namespace bs::models {

// Hugging Face ACT2FN entries BasinScope implements.
enum class Activation { GeluErf, GeluTanh, Relu, Silu };

// Maps a config's hidden_act/activation; throws bs::Error listing the accepted names.
Activation parseActivation(const std::string& name);

// Applies `act` to `x`, a tensor the caller owns: in place when autograd is off.
at::Tensor activateOwned(at::Tensor x, Activation act);

// Inverted dropout drawing from a caller's generator (at::dropout takes none), so
// that seeded training runs repeat exactly. Inactive: returns its input.
class Dropout {
public:
    Dropout(bool active, at::Generator generator)
        : m_active(active)
        , m_generator(std::move(generator)) {}
    bool active() const { return m_active; }
    at::Tensor operator()(const at::Tensor& x, double p) const;

private:
    bool m_active;
    at::Generator m_generator;
};

// y = x w^T + b for a 2-D x (one GEMM).
at::Tensor linear(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b);

// A batch checked against the model and moved to its device.
struct PreparedBatch {
    at::Tensor inputIds;     // int64 [B, L]
    at::Tensor tokenTypeIds; // int64 [B, L], or undefined (all zero)
    at::Tensor keyBias;      // [B, 1, 1, L] additive mask in the model's dtype, undefined if none
    int64_t batch = 0;
    int64_t length = 0;
};

// Validates shapes, dtypes and id ranges (bs::Error naming the field otherwise).
// Token types are kept only when `useTokenTypes` and the model has more than one.
PreparedBatch prepareBatch(const TokenBatch& batch, const ModelConfig& config,
                           const at::Tensor& anyParameter, bool useTokenTypes);

// Parameter indices of one post-LayerNorm transformer layer (BERT and DistilBERT share
// the structure; only the names differ).
struct EncoderLayerParams {
    size_t wq, bq, wk, bk, wv, bv; // attention projections
    size_t wo, bo;                 // attention output
    size_t ln1w, ln1b;             // after attention
    size_t w1, b1, w2, b2;         // feed-forward
    size_t ln2w, ln2b;             // after feed-forward
};

struct EncoderSettings {
    int64_t heads = 1;
    Activation activation = Activation::GeluErf;
    double eps = 1e-12;
    double hiddenDropout = 0.0;
    double attentionDropout = 0.0;
    bool dropoutAfterAttentionOutput = true; // BERT yes, DistilBERT no
};

// The weights of one layer's matrix products, in the dtype the products run in.
struct LayerMatrices {
    at::Tensor wqkv, bqkv; // Q, K and V fused: [3H, H] and [3H]
    at::Tensor wo, bo, w1, b1, w2, b2;
    // Reduced: Q's rows are pre-multiplied by 1/sqrt(head size), so the scores need no
    // scaling pass (exact when the head size is a power of 4, as in every BERT).
    bool queryScaled = false;
};

// fp32 (`casts` null): the parameters themselves, Q/K/V concatenated afresh (training reads
// the current tensors). Reduced: copies in `dtype` from `casts`, slots 8 * layerIndex
// onwards, remade only when the parameters changed; `heads` sets the query scale.
LayerMatrices layerMatrices(const ParameterSet& params, const EncoderLayerParams& layer,
                            size_t layerIndex, CastCache* casts, at::ScalarType dtype,
                            int64_t heads);

// One layer on x [B*L, H] (fp32 or fp64, like the parameters); returns the new hidden
// states [B*L, H] in x's dtype. When `matrices` are in a reduced dtype, the matrix products
// run in it and the residual sums, softmax and LayerNorm stay in x's dtype.
at::Tensor encoderLayer(const ParameterSet& params, const EncoderLayerParams& layer,
                        const LayerMatrices& matrices, const EncoderSettings& settings,
                        const at::Tensor& x, const PreparedBatch& batch, const Dropout& dropout);

// The same in the parameters' dtype (e.g. the zoo's pre-training encoder).
at::Tensor encoderLayer(const ParameterSet& params, const EncoderLayerParams& layer,
                        const EncoderSettings& settings, const at::Tensor& x,
                        const PreparedBatch& batch, const Dropout& dropout);

} // namespace bs::models
