#pragma once
// Precision: the dtype of a forward pass's matrix products (fp32, bf16 or fp16).

#include <string>

namespace bs {

// Reduced precisions touch only the encoder's matrix products; interpolation, embeddings,
// LayerNorm, softmax, the classification head and the loss stay in fp32 (docs/benchmark.md).
enum class Precision { Fp32, Bf16, Fp16 };

// "fp32", "bf16" or "fp16" (also "float32", "bfloat16", "float16"); throws bs::Error
// naming the accepted values otherwise.
Precision parsePrecision(const std::string& name);

// "fp32", "bf16" or "fp16".
const char* precisionName(Precision precision);

} // namespace bs
