#include "tests/support/test_support.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bs::test {

std::filesystem::path fixturesDir() {
    return std::filesystem::path(BS_FIXTURES_DIR);
}
std::filesystem::path testDataDir() {
    return std::filesystem::path(BS_TEST_DATA_DIR);
}
std::filesystem::path cliPath() {
    return std::filesystem::path(BS_CLI_PATH);
}

bool haveFixtures() {
    return std::filesystem::is_directory(fixturesDir() / "hf");
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

QString toQString(const std::filesystem::path& path) {
    return QString::fromStdString(path.string());
}

} // namespace bs::test
