#pragma once
// Helpers shared by the test suites: fixture paths and skip-if-absent.

#include <QString>

#include <filesystem>
#include <string>

namespace bs::test {

// ../shared/fixtures as resolved by CMake.
std::filesystem::path fixturesDir();
// tests/data in the source tree.
std::filesystem::path testDataDir();
// The basinscope-cli executable built alongside the tests.
std::filesystem::path cliPath();
// True when the fixture folder exists; tests that need it QSKIP with a clear message.
bool haveFixtures();
// Reads a whole file (binary).
std::string readFile(const std::filesystem::path& path);
// A fresh, empty temporary directory, removed by the caller's QTemporaryDir or left for debugging.
QString toQString(const std::filesystem::path& path);

} // namespace bs::test

#define BS_REQUIRE_FIXTURES()                                                                      \
    do {                                                                                           \
        if (!bs::test::haveFixtures())                                                             \
            QSKIP(qPrintable(QStringLiteral("fixtures folder not found: ") +                       \
                             bs::test::toQString(bs::test::fixturesDir())));                        \
    } while (0)
