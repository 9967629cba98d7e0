#include "core/analysis/embedding_axes.h"

#include <algorithm>
#include <vector>

namespace bs {

std::pair<int64_t, int64_t> embeddingDisplayAxes(const Matrix& embedding) {
    std::vector<std::pair<double, int64_t>> spread;
    const double n = std::max<double>(1, double(embedding.rows));
    for (int64_t j = 0; j < embedding.cols; ++j) {
        double mean = 0, square = 0;
        for (int64_t i = 0; i < embedding.rows; ++i)
            mean += embedding(i, j), square += embedding(i, j) * embedding(i, j);
        spread.emplace_back(square / n - (mean / n) * (mean / n), j);
    }
    std::stable_sort(spread.begin(), spread.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const int64_t x = spread.size() > 0 ? spread[0].second : 0;
    const int64_t y = spread.size() > 1 ? spread[1].second : x;
    return {x, y};
}

} // namespace bs
