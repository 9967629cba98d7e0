#pragma once
// Which precision a device runs by default, and whether it runs a reduced one well.

#include "core/models/precision.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

namespace bs {

// The dtype of the matrix products: kFloat, kBFloat16 or kHalf.
c10::ScalarType precisionDtype(Precision precision);

// fp32 on the CPU (results identical to earlier releases), bf16 on CUDA (tensor cores).
Precision defaultPrecision(c10::Device device);

// True when /proc/cpuinfo lists avx512_bf16 or amx_bf16: oneDNN then runs bf16 matrix
// products natively; without them bf16 is emulated and slower than fp32.
bool cpuHasNativeBf16();

// Throws bs::Error saying why and what to use instead when `precision` cannot run on
// `device`: bf16 on a CPU without native bf16 dot products, fp16 where this LibTorch has
// no half-precision matrix product for the device. fp32 always passes.
void requirePrecisionSupported(Precision precision, c10::Device device);

} // namespace bs
