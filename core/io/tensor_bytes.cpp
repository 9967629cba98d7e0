#include "core/io/tensor_bytes.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <cstring>

namespace bs {

std::optional<DType> parseDType(const std::string& name) {
    static const std::pair<const char*, DType> table[] = {
        {"F32", DType::F32}, {"F16", DType::F16},  {"BF16", DType::BF16}, {"F64", DType::F64},
        {"I64", DType::I64}, {"I32", DType::I32},  {"I16", DType::I16},   {"I8", DType::I8},
        {"U8", DType::U8},   {"BOOL", DType::Bool}};
    for (const auto& [text, dtype] : table)
        if (name == text)
            return dtype;
    return std::nullopt;
}

at::ScalarType toScalarType(DType dtype) {
    switch (dtype) {
    case DType::F32:
        return at::kFloat;
    case DType::F16:
        return at::kHalf;
    case DType::BF16:
        return at::kBFloat16;
    case DType::F64:
        return at::kDouble;
    case DType::I64:
        return at::kLong;
    case DType::I32:
        return at::kInt;
    case DType::I16:
        return at::kShort;
    case DType::I8:
        return at::kChar;
    case DType::U8:
        return at::kByte;
    case DType::Bool:
        return at::kBool;
    }
    return at::kFloat;
}

DType fromScalarType(at::ScalarType type) {
    switch (type) {
    case at::kFloat:
        return DType::F32;
    case at::kHalf:
        return DType::F16;
    case at::kBFloat16:
        return DType::BF16;
    case at::kDouble:
        return DType::F64;
    case at::kLong:
        return DType::I64;
    case at::kInt:
        return DType::I32;
    case at::kShort:
        return DType::I16;
    case at::kChar:
        return DType::I8;
    case at::kByte:
        return DType::U8;
    case at::kBool:
        return DType::Bool;
    default:
        throw Error(std::string("tensor type ") + c10::toString(type) +
                    " cannot be stored in a checkpoint (use a float or integer type)");
    }
}

std::optional<int64_t> checkedNumel(const std::vector<int64_t>& shape, int elementSize) {
    int64_t n = elementSize;
    for (int64_t d : shape) {
        if (d < 0 || __builtin_mul_overflow(n, d, &n))
            return std::nullopt;
    }
    return elementSize == 0 ? 0 : n / elementSize;
}

std::vector<int64_t> contiguousStrides(const std::vector<int64_t>& sizes) {
    std::vector<int64_t> strides(sizes.size(), 1);
    for (size_t i = sizes.size(); i > 1; --i)
        strides[i - 2] = strides[i - 1] * std::max<int64_t>(sizes[i - 1], 1);
    return strides;
}

at::Tensor tensorFromBytes(const void* data, DType source, const std::vector<int64_t>& sizes,
                           const std::vector<int64_t>& strides, at::ScalarType target) {
    const int elementSize = dtypeSize(source);
    // Bool bytes are read as uint8 so that a stray value (not 0/1) never becomes an
    // invalid C++ bool; the comparison below maps it to true.
    const at::ScalarType sourceType = source == DType::Bool ? at::kByte : toScalarType(source);
    const auto options = at::TensorOptions().dtype(sourceType);
    at::Tensor view;
    at::Tensor staging;
    if (reinterpret_cast<std::uintptr_t>(data) % static_cast<std::uintptr_t>(elementSize) == 0) {
        view = at::from_blob(const_cast<void*>(data), sizes, strides, options);
    } else {
        // Unaligned element data: copy the addressed span into aligned memory first.
        int64_t span = 0;
        bool empty = false;
        for (size_t i = 0; i < sizes.size(); ++i) {
            empty = empty || sizes[i] == 0;
            span += (sizes[i] - 1) * strides[i];
        }
        const int64_t count = empty ? 0 : span + 1;
        staging = at::empty({count}, options);
        if (count > 0)
            std::memcpy(staging.data_ptr(), data, static_cast<size_t>(count) * elementSize);
        view = staging.as_strided(sizes, strides);
    }
    if (source == DType::Bool)
        view = view.ne(0);
    at::Tensor out = at::empty(sizes, at::TensorOptions().dtype(target));
    out.copy_(view);
    return out;
}

} // namespace bs
