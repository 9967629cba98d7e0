#pragma once
// The analysis reference fixture (analysis/analysis_reference.json) shared by the analysis tests.

#include "core/analysis/matrix.h"
#include "tests/support/test_support.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace bs::test {

inline std::filesystem::path analysisFixturePath() {
    return fixturesDir() / "analysis" / "analysis_reference.json";
}

inline nlohmann::json analysisFixture() {
    return nlohmann::json::parse(readFile(analysisFixturePath()));
}

inline Matrix matrixFromJson(const nlohmann::json& rows) {
    const auto n = int64_t(rows.size());
    const auto m = n ? int64_t(rows[0].size()) : 0;
    Matrix out = Matrix::filled(n, m, 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < m; ++j)
            out(i, j) = rows[size_t(i)][size_t(j)].get<double>();
    return out;
}

} // namespace bs::test

// Skips unless ../shared/fixtures/analysis/analysis_reference.json exists.
#define BS_REQUIRE_ANALYSIS_FIXTURE()                                                              \
    do {                                                                                           \
        BS_REQUIRE_FIXTURES();                                                                     \
        if (!std::filesystem::exists(bs::test::analysisFixturePath()))                             \
            QSKIP(qPrintable(QStringLiteral("fixture not found: ") +                               \
                             bs::test::toQString(bs::test::analysisFixturePath())));               \
    } while (0)
