#pragma once
// TensorRecord: a checkpoint tensor described without LibTorch (name, dtype, shape).

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

enum class DType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, Bool };

const char* dtypeName(DType dtype);  // safetensors spelling: "F32", "BF16", ...
int dtypeSize(DType dtype);          // bytes per element

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    int64_t numel() const;
};

} // namespace bs
