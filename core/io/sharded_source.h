#pragma once
// ShardedSource: tensors spread over several weight files by a "*.index.json" weight_map.

#include "core/io/tensor_source.h"

#include <functional>
#include <memory>
#include <unordered_map>

namespace bs {

// Reads model.safetensors.index.json / pytorch_model.bin.index.json: {"weight_map":
// {tensor: shard file}}. Shard names must be plain file names in the index's folder
// (no separators, no ".."); every listed tensor must be in its shard. Tensors a shard
// holds but the index does not list are ignored, as transformers does.
class ShardedSource : public TensorSource {
public:
    using OpenShard = std::function<std::unique_ptr<TensorSource>(const std::filesystem::path&)>;

    ShardedSource(const std::filesystem::path& indexJson, const OpenShard& openShard);
    ~ShardedSource() override;

    const std::filesystem::path& path() const override { return m_path; }
    const std::vector<TensorInfo>& tensors() const override { return m_tensors; }
    bool contains(const std::string& name) const override;
    at::Tensor read(const std::string& name, at::ScalarType dtype) const override;

    // Shard files in the order they were opened (sorted by name).
    std::vector<std::filesystem::path> shardPaths() const;

private:
    std::filesystem::path m_path;
    std::vector<std::unique_ptr<TensorSource>> m_shards;
    std::vector<TensorInfo> m_tensors; // by shard, then shard file order
    std::unordered_map<std::string, size_t> m_shardOf;
};

} // namespace bs
