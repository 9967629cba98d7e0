#pragma once
// SafetensorsFile: a validated, memory-mapped reader of one .safetensors file.

#include "core/io/tensor_source.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace bs {

class MappedFile;

// Opening maps the file and checks the whole header (size limits, JSON, dtypes, shapes,
// offsets inside the data area, sizes matching dtype x shape, no overlaps) so that a
// later read can never touch memory outside the mapping. Errors are bs::Error
// messages that name the file and the tensor.
class SafetensorsFile : public TensorSource {
public:
    // The safetensors reference implementation refuses headers above 100 MB too.
    static constexpr uint64_t kMaxHeaderBytes = 100'000'000;

    explicit SafetensorsFile(const std::filesystem::path& path);
    ~SafetensorsFile() override;

    const std::filesystem::path& path() const override { return m_path; }
    const std::vector<TensorInfo>& tensors() const override { return m_tensors; } // by offset
    bool contains(const std::string& name) const override;
    at::Tensor read(const std::string& name, at::ScalarType dtype) const override;

    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const TensorInfo& info(const std::string& name) const;

private:
    std::filesystem::path m_path;
    std::unique_ptr<MappedFile> m_file;
    uint64_t m_dataStart = 0;
    std::vector<TensorInfo> m_tensors;
    std::vector<uint64_t> m_offsets; // byte offset in the data area, parallel to m_tensors
    std::unordered_map<std::string, size_t> m_index;
    std::map<std::string, std::string> m_metadata;
};

} // namespace bs
