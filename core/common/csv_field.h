#pragma once
// One CSV field, quoted where it needs it.

#include <string>

namespace bs {

// `text` as a CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line
// break (RFC 4180); as it is otherwise.
std::string csvField(const std::string& text);

} // namespace bs
