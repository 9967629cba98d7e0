#pragma once
// writeSafetensors: saves named tensors as a .safetensors file that transformers can load.

#include "core/io/named_tensor.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bs {

// Each tensor keeps its dtype (F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL) and is
// stored contiguous, little-endian, in name order; the JSON header has sorted keys and
// is padded with spaces to a multiple of 8 bytes. "format": "pt" is added to the
// metadata unless given (transformers refuses safetensors files without it). The file
// is written atomically (temporary sibling, fsync, rename). Throws bs::Error on
// duplicate or empty names and on unsupported dtypes.
void writeSafetensors(const std::filesystem::path& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

} // namespace bs
