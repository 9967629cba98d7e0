#pragma once
// jsonDepthLimit: a parser callback that refuses JSON nested deeper than a limit.

#include <nlohmann/json.hpp>

#include <string>

namespace bs {

// nlohmann's parser is iterative, but dump(), comparisons and copies recurse once per level,
// so a value nested a million levels deep (a few megabytes of "[") would overflow the stack
// the first time an error message quotes it. No file BasinScope reads nests this deep.
constexpr int kMaxJsonNesting = 64;

// Pass to nlohmann::json::parse: throws bs::Error "<file>: JSON nested more than N levels
// deep ..." as soon as the parser opens an object or array at depth N.
nlohmann::json::parser_callback_t jsonDepthLimit(const std::string& file,
                                                 int maxDepth = kMaxJsonNesting);

} // namespace bs
