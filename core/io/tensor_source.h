#pragma once
// TensorSource: one weight file (or a set of shards) listing and reading named tensors.

#include "core/io/tensor_record.h"

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <vector>

namespace bs {

// The common face of safetensors files, torch zip archives and sharded sets, so that
// CheckpointReader and the shard logic need not know the format.
class TensorSource {
public:
    virtual ~TensorSource() = default;
    virtual const std::filesystem::path& path() const = 0;
    virtual const std::vector<TensorInfo>& tensors() const = 0; // file order
    virtual bool contains(const std::string& name) const = 0;
    // Contiguous, owning its memory, converted to `dtype`; throws bs::Error for unknown names.
    virtual at::Tensor read(const std::string& name, at::ScalarType dtype) const = 0;
};

} // namespace bs
