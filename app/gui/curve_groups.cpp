#include "app/gui/curve_groups.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bs::ui {

PairGroups groupPairs(const std::vector<double>& score, int k) {
    std::vector<int64_t> scored;
    for (size_t m = 0; m < score.size(); ++m)
        if (!std::isnan(score[m]))
            scored.push_back(int64_t(m));
    std::stable_sort(scored.begin(), scored.end(),
                     [&](int64_t a, int64_t b) { return score[size_t(a)] > score[size_t(b)]; });
    const size_t size = std::min(size_t(std::max(k, 0)), scored.size() / 2);
    PairGroups groups;
    groups.top.assign(scored.begin(), scored.begin() + std::ptrdiff_t(size));
    groups.bottom.assign(scored.rbegin(), scored.rbegin() + std::ptrdiff_t(size));
    auto within = [](const std::vector<int64_t>& models) {
        std::vector<int64_t> sorted = models;
        std::sort(sorted.begin(), sorted.end());
        std::vector<ModelPair> pairs;
        for (size_t a = 0; a < sorted.size(); ++a)
            for (size_t b = a + 1; b < sorted.size(); ++b)
                pairs.emplace_back(sorted[a], sorted[b]);
        return pairs;
    };
    groups.withinTop = within(groups.top);
    groups.withinBottom = within(groups.bottom);
    for (int64_t t : groups.top)
        for (int64_t b : groups.bottom)
            groups.across.emplace_back(t, b);
    return groups;
}

MeanCurve meanCurve(const CurveSet& curves, const std::vector<ModelPair>& pairs, bool metric) {
    MeanCurve result;
    std::vector<std::vector<double>> complete;
    for (const auto& [i, j] : pairs) {
        if (i < 0 || j < 0 || i >= curves.models || j >= curves.models || !curves.hasPair(i, j))
            continue;
        std::vector<double> values = metric ? curves.metricCurve(i, j) : curves.lossCurve(i, j);
        if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
            continue;
        complete.push_back(std::move(values));
    }
    result.pairs = int64_t(complete.size());
    if (complete.empty())
        return result;
    const size_t points = size_t(curves.points);
    for (size_t k = 0; k < points; ++k) {
        double sum = 0;
        for (const auto& c : complete)
            sum += c[k];
        const double mean = sum / double(complete.size());
        double squares = 0, lowest = complete.front()[k], highest = lowest;
        for (const auto& c : complete) {
            squares += (c[k] - mean) * (c[k] - mean);
            lowest = std::min(lowest, c[k]);
            highest = std::max(highest, c[k]);
        }
        const double sd = std::sqrt(squares / double(complete.size()));
        result.mean.push_back(mean);
        // Clipped to the values seen: an accuracy band never leaves [0, 1].
        result.low.push_back(std::max(mean - sd, lowest));
        result.high.push_back(std::min(mean + sd, highest));
    }
    return result;
}

} // namespace bs::ui
