#include "core/io/checkpoint.h"

#include "core/common/error.h"
#include "core/io/config_shapes.h"
#include "core/io/safetensors.h"
#include "core/io/sharded_source.h"
#include "core/io/torch_zip.h"

#include <ATen/ATen.h>

#include <cmath>
#include <mutex>

namespace bs {

namespace {

namespace fs = std::filesystem;

constexpr CheckpointFormat kPreferenceOrder[] = {
    CheckpointFormat::Safetensors, CheckpointFormat::SafetensorsSharded, CheckpointFormat::TorchZip,
    CheckpointFormat::TorchZipSharded};

const char* weightFileName(CheckpointFormat format) {
    switch (format) {
    case CheckpointFormat::Safetensors:
        return "model.safetensors";
    case CheckpointFormat::SafetensorsSharded:
        return "model.safetensors.index.json";
    case CheckpointFormat::TorchZip:
        return "pytorch_model.bin";
    case CheckpointFormat::TorchZipSharded:
        return "pytorch_model.bin.index.json";
    }
    return "";
}

std::string lookedFor() {
    std::string out;
    for (CheckpointFormat f : kPreferenceOrder)
        out += std::string(out.empty() ? "" : ", ") + weightFileName(f);
    return out;
}

// Weight files of other frameworks get a hint instead of a bare "not found".
std::string otherFormatsHint(const fs::path& dir) {
    static const char* const others[] = {"tf_model.h5", "flax_model.msgpack", "model.ckpt.index",
                                         "model.onnx"};
    std::error_code ec;
    for (const char* name : others)
        if (fs::exists(dir / name, ec))
            return std::string("; found ") + name +
                   ", which BasinScope does not read: load it in transformers and call "
                   "save_pretrained(dir, safe_serialization=True) to get model.safetensors";
    return "";
}

std::unique_ptr<TensorSource> openSource(const fs::path& dir, CheckpointFormat format) {
    const fs::path file = dir / weightFileName(format);
    switch (format) {
    case CheckpointFormat::Safetensors:
        return std::make_unique<SafetensorsFile>(file);
    case CheckpointFormat::SafetensorsSharded:
        return std::make_unique<ShardedSource>(
            file, [](const fs::path& p) { return std::make_unique<SafetensorsFile>(p); });
    case CheckpointFormat::TorchZip:
        return std::make_unique<TorchZipFile>(file);
    case CheckpointFormat::TorchZipSharded:
        return std::make_unique<ShardedSource>(
            file, [](const fs::path& p) { return std::make_unique<TorchZipFile>(p); });
    }
    throwFileError(file.string(), "unknown checkpoint format");
}

// A NaN or Inf weight poisons every loss computed with the model and every point of every
// path through it; the name of the tensor is what a user needs to find the broken run.
void requireFinite(const at::Tensor& tensor, const std::string& name, const std::string& file) {
    if (!at::isFloatingType(tensor.scalar_type()) || tensor.numel() == 0)
        return;
    const at::Tensor finite = at::isfinite(tensor);
    if (finite.all().item<bool>())
        return;
    const at::Tensor flat = tensor.reshape({-1});
    const int64_t index = at::logical_not(finite.reshape({-1})).nonzero()[0][0].item<int64_t>();
    const double value = flat[index].item<double>();
    const std::string what = std::isnan(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    std::string shape;
    for (int64_t d : tensor.sizes())
        shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    throwFileError(file, "tensor '" + name + "' holds " + what + " at element " +
                             std::to_string(index) + " (shape [" + shape +
                             "]); the checkpoint is damaged or its training diverged");
}

class FolderCheckpoint : public CheckpointReader {
public:
    FolderCheckpoint(fs::path dir, CheckpointFormat format, ModelConfig config,
                     std::unique_ptr<TensorSource> source)
        : m_dir(std::move(dir))
        , m_format(format)
        , m_config(std::move(config))
        , m_source(std::move(source)) {}

    const fs::path& directory() const override { return m_dir; }
    CheckpointFormat format() const override { return m_format; }
    const ModelConfig& config() const override { return m_config; }
    const std::vector<TensorInfo>& tensors() const override { return m_source->tensors(); }
    bool contains(const std::string& name) const override { return m_source->contains(name); }
    at::Tensor read(const std::string& name, at::ScalarType dtype) const override {
        if (!m_source->contains(name))
            throwFileError(m_source->path().string(),
                           "no tensor named '" + name + "' (the checkpoint has " +
                               std::to_string(m_source->tensors().size()) + " tensors)");
        // Torch archives read through one zip reader; reads are serialised for all formats
        // so that callers may share one reader between threads.
        at::Tensor tensor;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            tensor = m_source->read(name, dtype);
        }
        requireFinite(tensor, name, m_source->path().string());
        return tensor;
    }

private:
    fs::path m_dir;
    CheckpointFormat m_format;
    ModelConfig m_config;
    std::unique_ptr<TensorSource> m_source;
    mutable std::mutex m_mutex;
};

fs::path checkedFolder(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throwFileError(dir.string(), "checkpoint folder does not exist");
    if (!fs::is_directory(dir, ec))
        throwFileError(dir.string(),
                       "is not a folder; a checkpoint is a save_pretrained folder with "
                       "config.json and model.safetensors (or pytorch_model.bin)");
    if (!fs::is_regular_file(dir / "config.json", ec))
        throwFileError(dir.string(), "no config.json in the checkpoint folder (expected a "
                                     "Hugging Face save_pretrained folder)");
    return dir;
}

} // namespace

const char* checkpointFormatName(CheckpointFormat format) {
    switch (format) {
    case CheckpointFormat::Safetensors:
        return "safetensors";
    case CheckpointFormat::SafetensorsSharded:
        return "sharded safetensors";
    case CheckpointFormat::TorchZip:
        return "pytorch_model.bin";
    case CheckpointFormat::TorchZipSharded:
        return "sharded pytorch_model.bin";
    }
    return "unknown";
}

std::unique_ptr<CheckpointReader> CheckpointReader::open(const fs::path& dir) {
    checkedFolder(dir);
    std::error_code ec;
    for (CheckpointFormat format : kPreferenceOrder)
        if (fs::is_regular_file(dir / weightFileName(format), ec))
            return open(dir, format);
    throwFileError(dir.string(),
                   "no weights found; looked for " + lookedFor() + otherFormatsHint(dir));
}

std::unique_ptr<CheckpointReader> CheckpointReader::open(const fs::path& dir,
                                                         CheckpointFormat preferred) {
    checkedFolder(dir);
    std::error_code ec;
    if (!fs::is_regular_file(dir / weightFileName(preferred), ec))
        throwFileError(dir.string(), std::string("no ") + weightFileName(preferred) +
                                         " in the checkpoint folder (format " +
                                         checkpointFormatName(preferred) + " was requested)");
    ModelConfig config = readModelConfig(dir / "config.json");
    auto source = openSource(dir, preferred);
    checkConfigAgainstTensors(config, source->tensors(), (dir / "config.json").string(),
                              source->path().string());
    return std::make_unique<FolderCheckpoint>(dir, preferred, std::move(config), std::move(source));
}

} // namespace bs
