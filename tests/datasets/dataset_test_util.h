#pragma once
// Helpers shared by the dataset tests: spec strings for files in tests/data, error capture.

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "tests/support/test_support.h"

#include <QString>

#include <algorithm>
#include <string>
#include <vector>

namespace bs::test {

// "<tests/data>/<relative>:<rest>".
inline std::string dataSpec(const std::string& relative, const std::string& rest) {
    return (testDataDir() / relative).string() + ":" + rest;
}

inline Dataset loadData(const std::string& relative, const std::string& rest) {
    return loadDataset(parseDatasetSpec(dataSpec(relative, rest)));
}

// The message of the bs::Error that f throws, or "" when it throws nothing.
template <typename F> std::string errorOf(F&& f) {
    try {
        f();
    } catch (const bs::Error& e) {
        return e.what();
    }
    return {};
}

inline std::vector<int64_t> rowsOf(const Dataset& dataset) {
    std::vector<int64_t> rows;
    for (const Example& example : dataset.examples)
        rows.push_back(example.row);
    return rows;
}

inline int64_t countLabel(const Dataset& dataset, int64_t label) {
    return std::count_if(dataset.examples.begin(), dataset.examples.end(),
                         [&](const Example& e) { return e.label == label; });
}

} // namespace bs::test

// Verifies that `message` contains `part`, printing the message when it does not.
#define BS_VERIFY_CONTAINS(message, part)                                                          \
    QVERIFY2(std::string(message).find(part) != std::string::npos,                                 \
             qPrintable(QStringLiteral("expected '%1' in: %2")                                     \
                            .arg(QString::fromStdString(part),                                     \
                                 QString::fromStdString(std::string(message)))))
