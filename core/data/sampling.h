#pragma once
// Row sampling that gives the same rows on every platform: splitmix64 + partial Fisher-Yates.

#include "core/data/dataset_spec.h"

#include <cstdint>
#include <vector>

namespace bs {

// The splitmix64 generator (Steele, Lea, Flood 2014), fully specified by its seed.
class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed)
        : m_state(seed) {}
    uint64_t next();
    // Uniform in [0, bound) by rejection (no modulo bias); bound > 0.
    uint64_t below(uint64_t bound);

private:
    uint64_t m_state;
};

// Positions (0-based, ascending) of the rows to keep out of `available` rows.
// First: 0..samples-1. Random: for i in 0..samples-1 swap slot i with slot
// i + below(available - i) of 0..available-1, keep the first `samples` slots, sort them.
// samples == 0 keeps every row. Throws bs::Error when samples > available.
std::vector<int64_t> sampleRows(int64_t available, int64_t samples, DatasetSpec::Sampling mode,
                                uint64_t seed);

} // namespace bs
