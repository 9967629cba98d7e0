#pragma once
// Small helpers of the io tests: raw safetensors assembly and file writing.

#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <QString>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace bs::test {

inline void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A safetensors file as the format spells it: u64 little-endian header length, the
// JSON header, the data area.
inline std::string safetensorsBytes(const std::string& headerJson, const std::string& data) {
    std::string out(8, '\0');
    uint64_t n = headerJson.size();
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return out + headerJson + data;
}

// Splits a safetensors file into its header (parsed) and data area.
inline std::pair<nlohmann::json, std::string> splitSafetensors(const std::string& bytes) {
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i)
        n |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
    return {nlohmann::json::parse(bytes.substr(8, n)), bytes.substr(8 + n)};
}

// The bs::Error message of `fn`, or "" when it does not throw.
inline QString errorMessage(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const bs::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace bs::test
