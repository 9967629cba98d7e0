#pragma once
// NamedTensor: a tensor with its Hugging Face state-dict name.

#include <ATen/core/Tensor.h>

#include <string>

namespace bs {

struct NamedTensor {
    std::string name; // e.g. "bert.encoder.layer.0.output.dense.weight"
    at::Tensor tensor;
};

} // namespace bs
