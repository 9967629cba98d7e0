#include "core/io/derived_checkpoint.h"

#include "core/common/error.h"
#include "core/io/safetensors_writer.h"

#include <ATen/ATen.h>

namespace bs {

namespace fs = std::filesystem;

namespace {

// Weight files of any format BasinScope or transformers reads; everything else is metadata.
bool isWeightFile(const fs::path& file) {
    const std::string name = file.filename().string();
    auto endsWith = [&](const std::string& tail) {
        return name.size() >= tail.size() &&
               name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    return endsWith(".safetensors") || endsWith(".bin") || endsWith(".pt") || endsWith(".pth") ||
           endsWith(".index.json") || endsWith(".h5") || endsWith(".msgpack") || endsWith(".ckpt");
}

} // namespace

void writeDerivedCheckpoint(const fs::path& dir, const fs::path& like,
                            const std::vector<NamedTensor>& tensors,
                            const std::map<std::string, std::string>& metadata) {
    std::error_code ec;
    if (fs::exists(dir / "model.safetensors", ec))
        throw Error(dir.string() + ": already holds model.safetensors; choose a new folder");
    if (!fs::is_regular_file(like / "config.json", ec))
        throw Error(like.string() + ": no config.json to copy");
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(dir.string() + ": cannot create the folder: " + ec.message());
    for (const fs::directory_entry& file : fs::directory_iterator(like)) {
        if (!file.is_regular_file() || isWeightFile(file.path()))
            continue;
        fs::copy_file(file.path(), dir / file.path().filename(),
                      fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error(dir.string() + ": cannot copy " + file.path().filename().string() + ": " +
                        ec.message());
    }
    std::vector<NamedTensor> contiguous;
    contiguous.reserve(tensors.size());
    for (const NamedTensor& t : tensors)
        contiguous.push_back({t.name, t.tensor.detach().to(at::kCPU).contiguous()});
    writeSafetensors(dir / "model.safetensors", contiguous, metadata);
}

} // namespace bs
