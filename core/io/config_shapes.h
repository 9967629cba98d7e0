#pragma once
// checkConfigAgainstTensors: config.json sizes compared with the weight file's tensor table.

#include "core/io/model_config.h"
#include "core/io/tensor_record.h"

#include <string>
#include <vector>

namespace bs {

// Compares vocab_size, hidden size, max_position_embeddings, type_vocab_size, the
// intermediate size and the layer count with the shapes of the embedding, feed-forward and
// layer tensors, which the tensor table lists without reading any data. Runs before a model
// is built, so that a damaged config.json is reported instead of allocated. Tensors the
// table does not have are skipped (the weight loader names what is missing). Throws
// bs::Error naming config.json, the field, the tensor and the weight file.
void checkConfigAgainstTensors(const ModelConfig& config, const std::vector<TensorInfo>& tensors,
                               const std::string& configFile, const std::string& weightFile);

} // namespace bs
