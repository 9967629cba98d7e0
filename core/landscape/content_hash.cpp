#include "core/landscape/content_hash.h"

#include <ATen/ATen.h>

#include <cstring>

namespace bs {

namespace {
constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;

inline uint64_t rotl(uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}
inline uint64_t round(uint64_t acc, uint64_t input) {
    acc += input * kPrime2;
    acc = rotl(acc, 31);
    return acc * kPrime1;
}
inline uint64_t load64(const unsigned char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
} // namespace

uint64_t hashBytes(const void* data, size_t size, uint64_t seed) {
    const auto* p = static_cast<const unsigned char*>(data);
    const unsigned char* const end = p + size;
    uint64_t lanes[4] = {seed + kPrime1 + kPrime2, seed + kPrime2, seed, seed - kPrime1};
    while (end - p >= 32) {
        for (int lane = 0; lane < 4; ++lane, p += 8)
            lanes[lane] = round(lanes[lane], load64(p));
    }
    uint64_t h = rotl(lanes[0], 1) + rotl(lanes[1], 7) + rotl(lanes[2], 12) + rotl(lanes[3], 18);
    h += static_cast<uint64_t>(size);
    while (end - p >= 8) {
        h ^= round(0, load64(p));
        h = rotl(h, 27) * kPrime1 + kPrime3;
        p += 8;
    }
    while (p < end) {
        h ^= (*p++) * kPrime3;
        h = rotl(h, 11) * kPrime1;
    }
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    h ^= h >> 32;
    return h;
}

std::string contentHash(const at::Tensor& flat) {
    const at::Tensor cpu = flat.to(at::kCPU).contiguous();
    const uint64_t h =
        hashBytes(cpu.data_ptr(), static_cast<size_t>(cpu.numel()) * cpu.element_size());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string("bs64:") + hex;
}

} // namespace bs
