#include "core/landscape/content_hash.h"

#include "core/io/content_hash.h"

#include <ATen/ATen.h>

#include <cstdio>

namespace bs {

std::string contentHash(const at::Tensor& flat) {
    const at::Tensor cpu = flat.to(at::kCPU).contiguous();
    const uint64_t h =
        xxHash64(cpu.data_ptr(), static_cast<size_t>(cpu.numel()) * cpu.element_size());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string("xxh64:") + hex;
}

} // namespace bs
