#include "core/analysis/random.h"

namespace bs {

namespace {

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

} // namespace

Rng::Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& s : m_state)
        s = splitmix64(x);
}

uint64_t Rng::next() {
    const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double Rng::uniform() {
    return double(next() >> 11) * 0x1.0p-53;
}

uint64_t Rng::below(uint64_t n) {
    // Reject the top partial block of 2^64 so that every residue is equally likely.
    const uint64_t limit = (~uint64_t(0)) - (~uint64_t(0)) % n;
    uint64_t v;
    do {
        v = next();
    } while (v >= limit);
    return v % n;
}

} // namespace bs
