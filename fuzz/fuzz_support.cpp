#include "fuzz/fuzz_support.h"

#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace bs::fuzz {

namespace {

std::filesystem::path makeScratchDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path base;
    if (const char* env = std::getenv("BS_FUZZ_TMP"); env && *env)
        base = env;
    else if (fs::is_directory("/dev/shm", ec))
        base = "/dev/shm"; // no disk writes for millions of inputs
    else
        base = fs::temp_directory_path();
    fs::path dir = base / ("basinscope-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

} // namespace

const std::filesystem::path& scratchDir() {
    static const std::filesystem::path dir = [] {
        std::filesystem::path made = makeScratchDir();
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratchDir(), ec);
        });
        return made;
    }();
    return dir;
}

std::filesystem::path writeScratch(const std::string& name, std::string_view bytes) {
    const std::filesystem::path path = scratchDir() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

std::pair<std::string_view, std::string_view> splitFirstLine(std::string_view input) {
    const size_t newline = input.find('\n');
    if (newline == std::string_view::npos)
        return {input, {}};
    return {input.substr(0, newline), input.substr(newline + 1)};
}

} // namespace bs::fuzz
