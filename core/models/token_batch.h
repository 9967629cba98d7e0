#pragma once
// TokenBatch: one padded batch of token ids, as the models take it.

#include <ATen/core/Tensor.h>

namespace bs {

// All tensors are int64 [batch, length] on the model's device. tokenTypeIds may be
// undefined (treated as zeros; ignored by RoBERTa with type_vocab_size 1 and by DistilBERT).
struct TokenBatch {
    at::Tensor inputIds;
    at::Tensor attentionMask; // 1 for real tokens, 0 for padding
    at::Tensor tokenTypeIds;
};

} // namespace bs
