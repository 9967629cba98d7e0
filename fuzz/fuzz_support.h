#pragma once
// Helpers shared by the fuzz targets: scratch files for path-based parsers, input splitting,
// and the one entry-point macro that builds either for libFuzzer or for the test driver.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace bs::fuzz {

// A folder private to this process (under $BS_FUZZ_TMP, else /dev/shm, else the system
// temp folder), removed at exit. The parsers read paths, so each input goes through a file.
const std::filesystem::path& scratchDir();

// Writes `bytes` to scratchDir()/name, replacing it, and returns the path.
std::filesystem::path writeScratch(const std::string& name, std::string_view bytes);

// The text before the first '\n' and the text after it (the whole input and "" without one).
std::pair<std::string_view, std::string_view> splitFirstLine(std::string_view input);

inline std::string_view asText(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace bs::fuzz

// Under libFuzzer every target file is its own program with the standard entry point; in the
// normal (GCC) build all targets link into one test, so each gets its own name there.
#ifdef BS_FUZZ_LIBFUZZER
#define BS_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#else
#define BS_FUZZ_TARGET(name) int bsFuzz_##name(const uint8_t* data, size_t size)
#endif
