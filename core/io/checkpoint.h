#pragma once
// CheckpointReader: opens a save_pretrained folder and reads its tensors by name.

#include "core/io/model_config.h"
#include "core/io/tensor_record.h"

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bs {

// Which weight file(s) a folder holds, in the order they are preferred.
enum class CheckpointFormat { Safetensors, SafetensorsSharded, TorchZip, TorchZipSharded };

const char* checkpointFormatName(CheckpointFormat format);

// A folder with config.json and one of model.safetensors, model.safetensors.index.json,
// pytorch_model.bin, pytorch_model.bin.index.json. Tensors are read lazily: the
// listing is cheap, the data are read (safetensors: memory-mapped) on request.
class CheckpointReader {
public:
    virtual ~CheckpointReader() = default;

    // Opens `dir`, preferring safetensors; `preferred` forces one format (error if absent).
    static std::unique_ptr<CheckpointReader> open(const std::filesystem::path& dir);
    static std::unique_ptr<CheckpointReader> open(const std::filesystem::path& dir,
                                                  CheckpointFormat preferred);

    virtual const std::filesystem::path& directory() const = 0;
    virtual CheckpointFormat format() const = 0;
    virtual const ModelConfig& config() const = 0;
    virtual const std::vector<TensorInfo>& tensors() const = 0; // file order
    virtual bool contains(const std::string& name) const = 0;

    // Returns the tensor converted to `dtype` (F32/F64 -> at::kFloat/at::kDouble),
    // contiguous, owning its memory (never a view of the mapping).
    virtual at::Tensor read(const std::string& name, at::ScalarType dtype) const = 0;
};

} // namespace bs
