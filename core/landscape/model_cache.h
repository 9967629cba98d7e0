#pragma once
// ModelCache: flat parameter vectors loaded lazily and kept within a memory budget.

#include "core/common/memory_budget.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <vector>

namespace bs {

class ParameterSpace;

// Models are opened only when a pair needs them (safetensors are memory-mapped while
// reading) and evicted least-recently-used, so N is not limited by memory: 100 bert-base
// models (44 GB) run in a 12 GB budget, with more loads.
class ModelCache {
public:
    ModelCache(const ParameterSpace& space, std::vector<std::filesystem::path> checkpoints,
               int64_t memoryBytes);

    // Model i's flat vector, loaded if it is not resident.
    at::Tensor get(int64_t index);
    bool resident(int64_t index) const { return m_entries.count(index) != 0; }

    int64_t capacity() const { return m_capacity; } // models that fit in the budget
    int64_t loads() const { return m_loads; }

    // Called once per load (e.g. to check the content hash against the study).
    std::function<void(int64_t index, const at::Tensor& flat)> onLoad;

private:
    const ParameterSpace& m_space;
    std::vector<std::filesystem::path> m_paths;
    int64_t m_capacity = 2;
    int64_t m_loads = 0;
    std::list<int64_t> m_lru; // front = most recent
    std::map<int64_t, at::Tensor> m_entries;
};

// Parses "12G", "512M", "1.5G", "800000000" into bytes; throws bs::Error on anything else.
int64_t parseMemorySize(const std::string& text);

} // namespace bs
