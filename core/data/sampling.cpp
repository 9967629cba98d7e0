#include "core/data/sampling.h"

#include "core/common/error.h"

#include <algorithm>
#include <numeric>

namespace bs {

uint64_t SplitMix64::next() {
    uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t SplitMix64::below(uint64_t bound) {
    // Values below 2^64 mod bound would make the low residues more likely; skip them.
    const uint64_t threshold = (0 - bound) % bound;
    while (true) {
        const uint64_t r = next();
        if (r >= threshold)
            return r % bound;
    }
}

std::vector<int64_t> sampleRows(int64_t available, int64_t samples, DatasetSpec::Sampling mode,
                                uint64_t seed) {
    if (samples < 0)
        throw Error("samples must be >= 0 (0 = all rows), found " + std::to_string(samples));
    if (samples > available)
        throw Error("asked for " + std::to_string(samples) + " samples but only " +
                    std::to_string(available) +
                    " rows are available after filtering; use samples=" +
                    std::to_string(available) + " or fewer (0 = all)");
    const int64_t keep = samples == 0 ? available : samples;
    std::vector<int64_t> rows(static_cast<size_t>(available));
    std::iota(rows.begin(), rows.end(), int64_t(0));
    if (mode == DatasetSpec::Sampling::Random && keep < available) {
        SplitMix64 rng(seed);
        for (int64_t i = 0; i < keep; ++i) {
            const auto j =
                i + static_cast<int64_t>(rng.below(static_cast<uint64_t>(available - i)));
            std::swap(rows[static_cast<size_t>(i)], rows[static_cast<size_t>(j)]);
        }
        rows.resize(static_cast<size_t>(keep));
        std::sort(rows.begin(), rows.end());
    } else {
        rows.resize(static_cast<size_t>(keep));
    }
    return rows;
}

} // namespace bs
