#include "core/analysis/rand_index.h"

#include "core/common/error.h"

#include <map>
#include <string>
#include <utility>

namespace bs {

namespace {

double pairs(double m) {
    return m * (m - 1.0) / 2.0;
}

} // namespace

double adjustedRandIndex(std::span<const int> a, std::span<const int> b) {
    if (a.size() != b.size())
        throw Error("adjusted Rand index: the two labelings must have the same length, found " +
                    std::to_string(a.size()) + " and " + std::to_string(b.size()));
    std::map<std::pair<int, int>, double> cells;
    std::map<int, double> rows, cols;
    for (size_t i = 0; i < a.size(); ++i) {
        cells[{a[i], b[i]}] += 1.0;
        rows[a[i]] += 1.0;
        cols[b[i]] += 1.0;
    }
    double index = 0.0, sumA = 0.0, sumB = 0.0;
    for (const auto& [key, count] : cells)
        index += pairs(count);
    for (const auto& [key, count] : rows)
        sumA += pairs(count);
    for (const auto& [key, count] : cols)
        sumB += pairs(count);
    const double total = pairs(double(a.size()));
    if (total == 0.0)
        return 1.0;
    const double expected = sumA * sumB / total;
    const double maximum = 0.5 * (sumA + sumB);
    if (maximum == expected) // both partitions trivial in the same way
        return 1.0;
    return (index - expected) / (maximum - expected);
}

} // namespace bs
