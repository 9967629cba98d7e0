#pragma once
// Writing a command's text result to a file (atomically) or to standard output ("-").

#include <string>

namespace bs::cli {

// Writes `text` to `path` ("-": standard output); says where on standard error unless quiet.
void writeTextOutput(const std::string& path, const std::string& text, bool quiet);

// `text` cut to `width` characters for a terminal table, with "..." marking the cut.
std::string shortened(const std::string& text, size_t width);

} // namespace bs::cli
