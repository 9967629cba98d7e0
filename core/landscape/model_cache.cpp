#include "core/landscape/model_cache.h"

#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/landscape/parameter_space.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unistd.h>

namespace bs {

ModelCache::ModelCache(const ParameterSpace& space, std::vector<std::filesystem::path> checkpoints,
                       int64_t memoryBytes)
    : m_space(space)
    , m_paths(std::move(checkpoints)) {
    const int64_t perModel = std::max<int64_t>(1, space.bytesPerModel());
    // The working buffer lives beside the cache.
    m_capacity = std::max<int64_t>(2, (memoryBytes - perModel) / perModel);
}

at::Tensor ModelCache::get(int64_t index) {
    if (index < 0 || index >= static_cast<int64_t>(m_paths.size()))
        throw Error("model index " + std::to_string(index) + " out of range");
    auto found = m_entries.find(index);
    if (found != m_entries.end()) {
        m_lru.remove(index);
        m_lru.push_front(index);
        return found->second;
    }
    while (static_cast<int64_t>(m_entries.size()) >= m_capacity && !m_lru.empty()) {
        m_entries.erase(m_lru.back());
        m_lru.pop_back();
    }
    auto reader = CheckpointReader::open(m_paths[index]);
    at::Tensor flat = m_space.load(*reader);
    ++m_loads;
    if (onLoad)
        onLoad(index, flat);
    m_entries.emplace(index, flat);
    m_lru.push_front(index);
    return flat;
}

int64_t parseMemorySize(const std::string& text) {
    const std::string bad = "invalid memory size '" + text + "': use e.g. 12G, 512M or bytes";
    if (text.empty())
        throw Error(bad);
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw Error(bad);
    }
    std::string unit = text.substr(used);
    for (char& c : unit)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (unit == "B")
        unit.clear();
    if (!unit.empty() && unit.back() == 'B')
        unit.pop_back();
    if (!unit.empty() && unit.back() == 'I')
        unit.pop_back();
    double scale = 1;
    if (unit == "K")
        scale = 1024.0;
    else if (unit == "M")
        scale = 1024.0 * 1024;
    else if (unit == "G")
        scale = 1024.0 * 1024 * 1024;
    else if (unit == "T")
        scale = 1024.0 * 1024 * 1024 * 1024;
    else if (!unit.empty())
        throw Error(bad);
    if (!(value > 0) || !std::isfinite(value))
        throw Error(bad);
    return static_cast<int64_t>(value * scale);
}

} // namespace bs
