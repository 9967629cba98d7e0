#pragma once
// bs::Rng: a small seeded generator whose output is the same on every platform.

#include <cstdint>

namespace bs {

// xoshiro256** seeded through splitmix64. std::uniform_*_distribution is avoided on purpose:
// its output is implementation-defined, and clustering must be reproducible across machines.
class Rng {
public:
    explicit Rng(uint64_t seed);

    uint64_t next();
    // Uniform double in [0, 1) from the top 53 bits.
    double uniform();
    // Uniform integer in [0, n) without modulo bias (rejection sampling); n > 0.
    uint64_t below(uint64_t n);

private:
    uint64_t m_state[4];
};

} // namespace bs
