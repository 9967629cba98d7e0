#pragma once
// A checkpoint folder for new weights of an existing model's architecture (a soup, a trained
// curve point), loadable by transformers and by BasinScope.

#include "core/io/named_tensor.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bs {

// Writes `tensors` as `dir`/model.safetensors and copies every other file of `like` that
// describes the model or its tokenizer (config.json, vocab.txt, tokenizer files; never its
// weights). `dir` is created; an existing model.safetensors there is refused so that no
// weights are overwritten by accident.
void writeDerivedCheckpoint(const std::filesystem::path& dir, const std::filesystem::path& like,
                            const std::vector<NamedTensor>& tensors,
                            const std::map<std::string, std::string>& metadata = {});

} // namespace bs
