#pragma once
// Architecture comparison: models can share a parameter space only if these agree.

#include "core/io/model_config.h"

#include <string>
#include <vector>

namespace bs {

// "hidden_size 128 (expected 64)" for every config field that changes the parameters or
// the function; empty when the two configs describe the same architecture.
std::vector<std::string> architectureDifferences(const ModelConfig& expected,
                                                 const ModelConfig& found);

// Throws bs::Error "<source>: architecture differs from <reference>: ..." listing the
// first differences.
void requireSameArchitecture(const ModelConfig& expected, const std::string& reference,
                             const ModelConfig& found, const std::string& source);

} // namespace bs
