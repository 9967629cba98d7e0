#include "core/io/safetensors_writer.h"

#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/tensor_bytes.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace bs {

void writeSafetensors(const std::filesystem::path& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    const std::string file = path.string();
    std::vector<const NamedTensor*> ordered;
    for (const NamedTensor& t : tensors) {
        if (t.name.empty() || t.name == "__metadata__")
            throwFileError(file, "cannot write a tensor named '" + t.name + "'");
        if (!t.tensor.defined())
            throwFileError(file, "tensor '" + t.name + "' is undefined");
        ordered.push_back(&t);
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const NamedTensor* a, const NamedTensor* b) { return a->name < b->name; });
    for (size_t i = 1; i < ordered.size(); ++i)
        if (ordered[i]->name == ordered[i - 1]->name)
            throwFileError(file, "tensor name '" + ordered[i]->name + "' appears twice");

    nlohmann::json header = nlohmann::json::object();
    nlohmann::json meta = nlohmann::json::object();
    for (const auto& [key, value] : metadata)
        meta[key] = value;
    if (!meta.contains("format"))
        meta["format"] = "pt";
    header["__metadata__"] = meta;
    uint64_t offset = 0;
    for (const NamedTensor* t : ordered) {
        DType dtype;
        try {
            dtype = fromScalarType(t->tensor.scalar_type());
        } catch (const Error& e) {
            throwFileError(file, "tensor '" + t->name + "': " + e.what());
        }
        const uint64_t bytes = static_cast<uint64_t>(t->tensor.numel()) * dtypeSize(dtype);
        header[t->name] = {{"dtype", dtypeName(dtype)},
                           {"shape", t->tensor.sizes().vec()},
                           {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    // Padding keeps every tensor's data 8-byte aligned in the file (and in a mapping).
    text.append((8 - text.size() % 8) % 8, ' ');
    const uint64_t headerSize = text.size();

    AtomicFile out(path);
    out.write(&headerSize, 8); // little-endian host
    out.write(text.data(), text.size());
    for (const NamedTensor* t : ordered) {
        if (t->tensor.numel() == 0)
            continue;
        // One contiguous CPU copy at most; already-contiguous CPU tensors are written as is.
        const at::Tensor data = t->tensor.detach().to(at::kCPU).contiguous();
        out.write(data.data_ptr(), static_cast<size_t>(data.numel()) * data.element_size());
    }
    out.commit();
}

} // namespace bs
