#pragma once
// Conversions between checkpoint bytes and owning LibTorch tensors.

#include "core/io/tensor_record.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace bs {

// The safetensors spelling ("F32", "BF16", "BOOL", ...) to DType; nullopt when unknown.
std::optional<DType> parseDType(const std::string& name);

at::ScalarType toScalarType(DType dtype);
// Throws bs::Error for types a checkpoint cannot hold (complex, quantized, ...).
DType fromScalarType(at::ScalarType type);

// Product of `shape` in elements, or nullopt when a dimension is negative or the
// product (times `elementSize` bytes) does not fit in int64.
std::optional<int64_t> checkedNumel(const std::vector<int64_t>& shape, int elementSize = 1);

// Copies little-endian elements of `source` type laid out with `sizes`/`strides`
// (in elements, from `data`) into a new contiguous tensor of `target` type.
// The caller has checked that every addressed element lies inside the buffer.
// Handles unaligned data and normalises BOOL bytes other than 0/1.
at::Tensor tensorFromBytes(const void* data, DType source, const std::vector<int64_t>& sizes,
                           const std::vector<int64_t>& strides, at::ScalarType target);

// Contiguous row-major strides for `sizes`.
std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& sizes);

} // namespace bs
