#pragma once
// Content hash of a parameter vector: detects a checkpoint that changed under a study.

#include <ATen/core/Tensor.h>

#include <string>

namespace bs {

// "xxh64:<16 hex digits>" of the tensor's bytes (a flat float32 parameter vector), so the hash
// depends on the parameters, not on the file format they were stored in.
std::string contentHash(const at::Tensor& flat);

} // namespace bs
