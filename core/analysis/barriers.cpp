#include "core/analysis/barriers.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace bs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Throws for curves too short to define a chord; false when a metric is undefined (NaN result).
bool usable(std::span<const double> losses, const char* metric) {
    if (losses.size() < 2)
        throw Error(std::string(metric) + ": a loss curve needs at least 2 points, found " +
                    std::to_string(losses.size()));
    return std::all_of(losses.begin(), losses.end(), [](double v) { return std::isfinite(v); });
}

} // namespace

double barrierHeight(std::span<const double> losses) {
    if (!usable(losses, "barrier height"))
        return kNaN;
    const auto last = double(losses.size() - 1);
    const double first = losses.front(), end = losses.back();
    double best = 0.0; // the endpoints themselves lie on the chord
    for (size_t k = 1; k + 1 < losses.size(); ++k) {
        const double chord = ((last - double(k)) * first + double(k) * end) / last;
        best = std::max(best, losses[k] - chord);
    }
    return best;
}

double convexityGap(std::span<const double> losses) {
    if (!usable(losses, "convexity gap"))
        return kNaN;
    // For a left end i and an interior point k, the chord of slice [i, j] at k is
    // L[i] + (k - i) * s(i, j) with s the slope from i to j, so the best right end j > k is
    // the one with the smallest slope. Walking k down from the right end keeps that minimum
    // current, which makes the scan O(P^2) instead of the naive O(P^3).
    const size_t n = losses.size();
    double best = barrierHeight(losses); // the full slice; keeps cg >= bh exactly
    for (size_t i = 0; i + 2 < n; ++i) {
        double minSlope = std::numeric_limits<double>::infinity();
        for (size_t k = n - 2; k > i; --k) {
            const size_t j = k + 1;
            minSlope = std::min(minSlope, (losses[j] - losses[i]) / double(j - i));
            best = std::max(best, losses[k] - (losses[i] + double(k - i) * minSlope));
        }
    }
    return best;
}

double peakExcess(std::span<const double> losses) {
    if (!usable(losses, "peak excess"))
        return kNaN;
    const double peak = *std::max_element(losses.begin(), losses.end());
    return std::max(0.0, peak - std::max(losses.front(), losses.back()));
}

double areaUnderCurve(std::span<const double> losses) {
    if (!usable(losses, "area under the curve"))
        return kNaN;
    const double floor = *std::min_element(losses.begin(), losses.end());
    double sum = 0.0;
    for (size_t k = 0; k + 1 < losses.size(); ++k)
        sum += 0.5 * ((losses[k] - floor) + (losses[k + 1] - floor));
    return sum / double(losses.size() - 1);
}

BarrierMetrics barrierMetrics(std::span<const double> losses) {
    return {barrierHeight(losses), convexityGap(losses), peakExcess(losses),
            areaUnderCurve(losses)};
}

} // namespace bs
