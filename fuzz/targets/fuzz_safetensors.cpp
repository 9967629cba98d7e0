// Fuzz target: a .safetensors file (header and tensor table), every tensor read.
#include "core/common/error.h"
#include "core/io/safetensors.h"
#include "fuzz/fuzz_support.h"

#include <ATen/ATen.h>

BS_FUZZ_TARGET(safetensors) {
    try {
        const bs::SafetensorsFile file(
            bs::fuzz::writeScratch("model.safetensors", bs::fuzz::asText(data, size)));
        for (const bs::TensorInfo& info : file.tensors())
            (void)file.read(info.name, at::kFloat);
    } catch (const bs::Error&) {
    }
    return 0;
}
