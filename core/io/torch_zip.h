#pragma once
// TorchZipFile: reads pytorch_model.bin (torch.save zip archives) without running pickle code.

#include "core/io/tensor_source.h"

#include <memory>

namespace bs {

// The archive is opened with LibTorch's zip reader; data.pkl is interpreted by the
// restricted unpickler (state_dict_unpickler.h), so a hostile file can name no code.
// Every storage record the pickle refers to must exist at open. The legacy
// (pre-1.6, non-zip) format is refused with a message that says how to convert it.
class TorchZipFile : public TensorSource {
public:
    explicit TorchZipFile(const std::filesystem::path& path);
    ~TorchZipFile() override;

    const std::filesystem::path& path() const override { return m_path; }
    const std::vector<TensorInfo>& tensors() const override { return m_tensors; } // pickle order
    bool contains(const std::string& name) const override;
    at::Tensor read(const std::string& name, at::ScalarType dtype) const override;

private:
    struct Impl;
    std::filesystem::path m_path;
    std::vector<TensorInfo> m_tensors;
    std::unique_ptr<Impl> m_impl;
};

} // namespace bs
