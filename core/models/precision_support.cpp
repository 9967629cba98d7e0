#include "core/models/precision_support.h"

#include "core/common/error.h"

#include <ATen/ATen.h>
#include <torch/version.h>

#include <fstream>
#include <sstream>
#include <string>

namespace bs {

c10::ScalarType precisionDtype(Precision precision) {
    switch (precision) {
    case Precision::Fp32:
        return at::kFloat;
    case Precision::Bf16:
        return at::kBFloat16;
    case Precision::Fp16:
        return at::kHalf;
    }
    return at::kFloat;
}

Precision defaultPrecision(c10::Device device) {
    return device.is_cuda() ? Precision::Bf16 : Precision::Fp32;
}

bool cpuHasNativeBf16() {
    // The kernel's flags are what oneDNN's dispatcher also sees (it reads CPUID); reading
    // them here keeps the check independent of the oneDNN version LibTorch bundles.
    static const bool native = [] {
        std::ifstream in("/proc/cpuinfo");
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("flags", 0) != 0)
                continue;
            std::istringstream words(line);
            std::string word;
            while (words >> word)
                if (word == "avx512_bf16" || word == "amx_bf16")
                    return true;
            return false; // every core lists the same flags
        }
        return false;
    }();
    return native;
}

namespace {

// LibTorch 1.13 has no CPU kernel for half-precision matrix products; 2.x has a slow one.
// Asking the library itself keeps this right for either.
bool halfMatmulAvailable(c10::Device device) {
    try {
        const auto options = at::TensorOptions().dtype(at::kHalf).device(device);
        const at::Tensor x = at::ones({2, 2}, options);
        (void)at::addmm(x, x, x);
        return true;
    } catch (const c10::Error&) {
        return false;
    }
}

} // namespace

void requirePrecisionSupported(Precision precision, c10::Device device) {
    if (precision == Precision::Fp32)
        return;
    if (precision == Precision::Bf16 && device.is_cpu() && !cpuHasNativeBf16())
        throw Error("--precision bf16: this processor has no native bf16 dot products "
                    "(neither avx512_bf16 nor amx_bf16 in /proc/cpuinfo), so bf16 would be "
                    "emulated and slower than fp32; use --precision fp32");
    if (precision == Precision::Fp16 && !halfMatmulAvailable(device))
        throw Error(std::string("--precision fp16: this LibTorch (") + TORCH_VERSION +
                    ") has no half-precision matrix product on " + device.str() +
                    "; use --precision bf16 or fp32");
}

} // namespace bs
