#include "core/io/content_hash.h"

#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/mapped_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <vector>

namespace bs {

namespace {

constexpr uint64_t P1 = 11400714785074694791ULL;
constexpr uint64_t P2 = 14029467366897019727ULL;
constexpr uint64_t P3 = 1609587929392839161ULL;
constexpr uint64_t P4 = 9650029242287828579ULL;
constexpr uint64_t P5 = 2870177450012600261ULL;

uint64_t rotl(uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}
uint64_t read64(const uint8_t* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
uint32_t read32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
uint64_t round(uint64_t acc, uint64_t input) {
    return rotl(acc + input * P2, 31) * P1;
}
uint64_t merge(uint64_t acc, uint64_t v) {
    return (acc ^ round(0, v)) * P1 + P4;
}

std::string hex64(uint64_t h) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// The shard files an index lists (open() has already validated the index).
std::set<std::string> shardNames(const std::filesystem::path& index) {
    std::ifstream in(index, std::ios::binary);
    std::set<std::string> names;
    try {
        // The parsed document must outlive the loop (a temporary would not).
        const nlohmann::json root = nlohmann::json::parse(in);
        for (const auto& [tensor, shard] : root.at("weight_map").items())
            names.insert(shard.get<std::string>());
    } catch (const std::exception& e) {
        throwFileError(index.string(), std::string("cannot list shards: ") + e.what());
    }
    return names;
}

} // namespace

uint64_t xxHash64(const void* data, size_t size, uint64_t seed) {
    static const uint8_t empty[1] = {0};
    const auto* p = size == 0 ? empty : static_cast<const uint8_t*>(data);
    const uint8_t* const end = p + size;
    uint64_t h;
    if (size >= 32) {
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        const uint8_t* const limit = end - 32;
        do {
            v1 = round(v1, read64(p));
            v2 = round(v2, read64(p + 8));
            v3 = round(v3, read64(p + 16));
            v4 = round(v4, read64(p + 24));
            p += 32;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        h = merge(h, v4);
    } else {
        h = seed + P5;
    }
    h += static_cast<uint64_t>(size);
    for (; end - p >= 8; p += 8)
        h = rotl(h ^ round(0, read64(p)), 27) * P1 + P4;
    if (end - p >= 4) {
        h = rotl(h ^ (static_cast<uint64_t>(read32(p)) * P1), 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; ++p)
        h = rotl(h ^ (*p * P5), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

std::string hashFileContents(const std::filesystem::path& path) {
    const MappedFile file(path);
    return hex64(xxHash64(file.data(), file.size()));
}

std::string hashCheckpointFiles(const CheckpointReader& reader) {
    const std::filesystem::path& dir = reader.directory();
    std::vector<std::string> files = {"config.json"};
    switch (reader.format()) {
    case CheckpointFormat::Safetensors:
        files.push_back("model.safetensors");
        break;
    case CheckpointFormat::TorchZip:
        files.push_back("pytorch_model.bin");
        break;
    case CheckpointFormat::SafetensorsSharded:
    case CheckpointFormat::TorchZipSharded: {
        const std::string index = reader.format() == CheckpointFormat::SafetensorsSharded
                                      ? "model.safetensors.index.json"
                                      : "pytorch_model.bin.index.json";
        files.push_back(index);
        for (const std::string& shard : shardNames(dir / index))
            files.push_back(shard);
        break;
    }
    }
    std::string digest;
    for (const std::string& name : files)
        digest += name + '\0' + hashFileContents(dir / name) + '\n';
    return hex64(xxHash64(digest.data(), digest.size()));
}

} // namespace bs
