// Fuzz target: model.safetensors.index.json, next to two small real shards.
#include "core/common/error.h"
#include "core/io/safetensors.h"
#include "core/io/sharded_source.h"
#include "fuzz/fuzz_support.h"

#include <ATen/ATen.h>

namespace {

// A safetensors file with one F32 tensor of two elements per name.
std::string shard(std::initializer_list<const char*> names) {
    std::string header = "{";
    std::string bytes;
    size_t offset = 0;
    for (const char* name : names) {
        header += std::string(header.size() > 1 ? "," : "") + "\"" + name +
                  "\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" +
                  std::to_string(offset) + "," + std::to_string(offset + 8) + "]}";
        offset += 8;
        bytes += std::string(8, '\0');
    }
    header += "}";
    std::string out;
    for (int i = 0; i < 8; ++i)
        out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
    return out + header + bytes;
}

void writeShards() {
    static const bool written = [] {
        bs::fuzz::writeScratch("model-00001-of-00002.safetensors", shard({"a.weight", "a.bias"}));
        bs::fuzz::writeScratch("model-00002-of-00002.safetensors", shard({"b.weight"}));
        return true;
    }();
    (void)written;
}

} // namespace

BS_FUZZ_TARGET(sharded_index) {
    writeShards();
    try {
        const bs::ShardedSource source(
            bs::fuzz::writeScratch("model.safetensors.index.json", bs::fuzz::asText(data, size)),
            [](const std::filesystem::path& p) {
                return std::make_unique<bs::SafetensorsFile>(p);
            });
        for (const bs::TensorInfo& info : source.tensors())
            (void)source.read(info.name, at::kFloat);
    } catch (const bs::Error&) {
    }
    return 0;
}
