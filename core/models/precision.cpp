#include "core/models/precision.h"

#include "core/common/error.h"

namespace bs {

Precision parsePrecision(const std::string& name) {
    if (name == "fp32" || name == "float32")
        return Precision::Fp32;
    if (name == "bf16" || name == "bfloat16")
        return Precision::Bf16;
    if (name == "fp16" || name == "float16")
        return Precision::Fp16;
    throw Error("unknown precision '" + name + "': use fp32, bf16 or fp16");
}

const char* precisionName(Precision precision) {
    switch (precision) {
    case Precision::Fp32:
        return "fp32";
    case Precision::Bf16:
        return "bf16";
    case Precision::Fp16:
        return "fp16";
    }
    return "fp32";
}

} // namespace bs
