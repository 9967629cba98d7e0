#pragma once
// Content hash of a parameter vector: detects a checkpoint that changed under a study.

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace bs {

// A fast 64-bit hash of raw bytes (4 independent multiply-rotate lanes, ~GB/s); not
// cryptographic - it guards against accidents, not attacks.
uint64_t hashBytes(const void* data, size_t size, uint64_t seed = 0);

// Hex digest of a contiguous CPU or GPU tensor's bytes, prefixed by the scheme: "bs64:0123abcd...".
std::string contentHash(const at::Tensor& flat);

} // namespace bs
