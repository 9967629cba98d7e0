#include "core/io/safetensors.h"

#include "core/common/error.h"
#include "core/io/mapped_file.h"
#include "core/io/tensor_bytes.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace bs {

namespace {

using nlohmann::json;

std::string shortJson(const json& value) {
    std::string text = value.dump();
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

// Non-negative JSON integer as uint64, or nullopt (negative, fractional, not a number).
std::optional<uint64_t> unsignedValue(const json& v) {
    if (v.is_number_unsigned())
        return v.get<uint64_t>();
    if (v.is_number_integer() && v.get<int64_t>() >= 0)
        return static_cast<uint64_t>(v.get<int64_t>());
    return std::nullopt;
}

struct Span {
    uint64_t begin;
    uint64_t end;
    size_t tensor;
};

} // namespace

SafetensorsFile::~SafetensorsFile() = default;

SafetensorsFile::SafetensorsFile(const std::filesystem::path& path)
    : m_path(path) {
    const std::string file = path.string();
    m_file = std::make_unique<MappedFile>(path);
    const uint64_t fileSize = m_file->size();
    if (fileSize < 8)
        throwFileError(file, "truncated: " + std::to_string(fileSize) +
                                 " bytes, but a safetensors file starts with an 8-byte header "
                                 "length");
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, m_file->data(), 8); // little-endian on every supported host
    if (headerSize > kMaxHeaderBytes)
        throwFileError(file, "header length " + std::to_string(headerSize) +
                                 " bytes is too large (limit " + std::to_string(kMaxHeaderBytes) +
                                 "); this is not a safetensors file or it is corrupt");
    if (headerSize > fileSize - 8)
        throwFileError(file, "header length " + std::to_string(headerSize) +
                                 " bytes runs past the end of the file (" +
                                 std::to_string(fileSize) + " bytes); the file is truncated");
    if (headerSize < 2)
        throwFileError(file, "header of " + std::to_string(headerSize) +
                                 " bytes is too short for a JSON object");
    m_dataStart = 8 + headerSize;
    const uint64_t dataSize = fileSize - m_dataStart;

    const char* headerBegin = reinterpret_cast<const char*>(m_file->data() + 8);
    json header;
    try {
        // A depth limit keeps hostile nesting from exhausting the stack.
        header = json::parse(headerBegin, headerBegin + headerSize,
                             [](int depth, json::parse_event_t, json&) {
                                 if (depth > 8)
                                     throw std::runtime_error("header nested too deeply");
                                 return true;
                             });
    } catch (const std::exception& e) {
        throwFileError(file, std::string("header is not valid JSON: ") + e.what());
    }
    if (!header.is_object())
        throwFileError(file, "header must be a JSON object, found " + shortJson(header));

    std::vector<Span> spans;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object())
                throwFileError(file, "__metadata__ must be an object of strings, found " +
                                         shortJson(entry));
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string())
                    throwFileError(file, "__metadata__ entry '" + key +
                                             "' must be a string, found " + shortJson(value));
                m_metadata[key] = value.get<std::string>();
            }
            continue;
        }
        const std::string where = "tensor '" + name + "'";
        if (!entry.is_object())
            throwFileError(file, where +
                                     ": expected {\"dtype\", \"shape\", \"data_offsets\"}, "
                                     "found " +
                                     shortJson(entry));
        if (!entry.contains("dtype") || !entry["dtype"].is_string())
            throwFileError(file, where + ": missing or non-string 'dtype'");
        const std::string dtypeText = entry["dtype"].get<std::string>();
        const auto dtype = parseDType(dtypeText);
        if (!dtype)
            throwFileError(file, where + ": unknown dtype '" + dtypeText +
                                     "' (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U8, "
                                     "BOOL)");
        if (!entry.contains("shape") || !entry["shape"].is_array())
            throwFileError(file, where + ": missing or non-list 'shape'");
        TensorInfo info;
        info.name = name;
        info.dtype = *dtype;
        for (const json& d : entry["shape"]) {
            const auto v = unsignedValue(d);
            if (!v || *v > static_cast<uint64_t>(INT64_MAX))
                throwFileError(file, where + ": shape " + shortJson(entry["shape"]) +
                                         " must hold non-negative integers");
            info.shape.push_back(static_cast<int64_t>(*v));
        }
        const auto numel = checkedNumel(info.shape, dtypeSize(info.dtype));
        if (!numel)
            throwFileError(file, where + ": shape " + shortJson(entry["shape"]) +
                                     " overflows 64-bit sizes");
        const json& offsets = entry.contains("data_offsets") ? entry["data_offsets"] : json();
        const auto begin =
            offsets.is_array() && offsets.size() == 2 ? unsignedValue(offsets[0]) : std::nullopt;
        const auto end =
            offsets.is_array() && offsets.size() == 2 ? unsignedValue(offsets[1]) : std::nullopt;
        if (!begin || !end || *begin > *end)
            throwFileError(file, where +
                                     ": 'data_offsets' must be [begin, end] with "
                                     "0 <= begin <= end, found " +
                                     shortJson(offsets));
        if (*end > dataSize)
            throwFileError(file, where + ": data_offsets [" + std::to_string(*begin) + ", " +
                                     std::to_string(*end) + "] lie outside the data area (" +
                                     std::to_string(dataSize) +
                                     " bytes after the header); the file is truncated or corrupt");
        const uint64_t expected = static_cast<uint64_t>(*numel) * dtypeSize(info.dtype);
        if (*end - *begin != expected)
            throwFileError(file, where + ": data_offsets span " + std::to_string(*end - *begin) +
                                     " bytes but " + dtypeText + " x " + shortJson(entry["shape"]) +
                                     " needs " + std::to_string(expected));
        spans.push_back({*begin, *end, m_tensors.size()});
        m_tensors.push_back(std::move(info));
        m_offsets.push_back(*begin);
    }

    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    for (size_t i = 1; i < spans.size(); ++i) {
        const Span& prev = spans[i - 1];
        const Span& cur = spans[i];
        if (cur.begin < prev.end)
            throwFileError(file, "tensors '" + m_tensors[prev.tensor].name + "' and '" +
                                     m_tensors[cur.tensor].name +
                                     "' have overlapping data_offsets");
    }

    // File order: by position in the data area.
    std::vector<TensorInfo> ordered;
    std::vector<uint64_t> orderedOffsets;
    ordered.reserve(spans.size());
    for (const Span& s : spans) {
        ordered.push_back(std::move(m_tensors[s.tensor]));
        orderedOffsets.push_back(s.begin);
    }
    m_tensors = std::move(ordered);
    m_offsets = std::move(orderedOffsets);
    for (size_t i = 0; i < m_tensors.size(); ++i)
        m_index.emplace(m_tensors[i].name, i);
}

bool SafetensorsFile::contains(const std::string& name) const {
    return m_index.count(name) > 0;
}

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
    const auto it = m_index.find(name);
    if (it == m_index.end())
        throwFileError(m_path.string(), "no tensor named '" + name + "' (the file has " +
                                            std::to_string(m_tensors.size()) + " tensors)");
    return m_tensors[it->second];
}

at::Tensor SafetensorsFile::read(const std::string& name, at::ScalarType dtype) const {
    const TensorInfo& t = info(name);
    const size_t i = m_index.at(name);
    if (t.numel() == 0)
        return at::empty(t.shape, at::TensorOptions().dtype(dtype));
    const uint8_t* data = m_file->data() + m_dataStart + m_offsets[i];
    return tensorFromBytes(data, t.dtype, t.shape, contiguousStrides(t.shape), dtype);
}

} // namespace bs
