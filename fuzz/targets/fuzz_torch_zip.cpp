// Fuzz target: pytorch_model.bin (torch.save zip archive), every tensor read.
#include "core/common/error.h"
#include "core/io/torch_zip.h"
#include "fuzz/fuzz_support.h"

#include <ATen/ATen.h>

BS_FUZZ_TARGET(torch_zip) {
    try {
        const bs::TorchZipFile file(
            bs::fuzz::writeScratch("pytorch_model.bin", bs::fuzz::asText(data, size)));
        for (const bs::TensorInfo& info : file.tensors())
            (void)file.read(info.name, at::kFloat);
    } catch (const bs::Error&) {
    }
    return 0;
}
