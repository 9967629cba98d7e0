#pragma once
// Bootstrap intervals over evaluation examples for the barrier metrics of a curve, from the
// examples' losses at every point (no model is evaluated again).

#include "core/analysis/barriers.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace bs {

struct BootstrapOptions {
    int64_t resamples = 1000;
    uint64_t seed = 0;
    double level = 0.95; // central interval
};

struct MetricInterval {
    double low = 0.0, high = 0.0;
    bool containsZero() const { return low <= 0.0 && high >= 0.0; }
    double width() const { return high - low; }
};

struct BarrierIntervals {
    MetricInterval barrierHeight, convexityGap, peakExcess, auc;
};

// The resamples of one dataset of E examples: resample b counts how often each example was
// drawn when E examples are drawn uniformly with replacement. The draws come from one
// Rng(seed) stream, resample after resample, example after example (Rng::below(E)), so the
// same seed gives the same resamples on every machine and for every pair of a study: the
// intervals of different pairs are computed on the same resampled example sets.
class BootstrapResamples {
public:
    BootstrapResamples(int64_t examples, const BootstrapOptions& options);
    ~BootstrapResamples();
    BootstrapResamples(BootstrapResamples&&) noexcept;

    int64_t examples() const { return m_examples; }
    int64_t resamples() const { return m_resamples; }
    double level() const { return m_level; }
    // How often resample b drew example e.
    double count(int64_t b, int64_t e) const;

    // The curve of every resample: mean loss per point over the resampled examples;
    // losses[k][e] is example e's loss at point k. Result [resamples][points].
    std::vector<std::vector<double>>
    resampledCurves(const std::vector<std::vector<float>>& losses) const;
    // The same for resamples [first, first + count) only.
    std::vector<std::vector<double>> resampledCurves(const std::vector<std::vector<float>>& losses,
                                                     int64_t first, int64_t count) const;

private:
    struct Counts;
    int64_t m_examples = 0;
    int64_t m_resamples = 0;
    double m_level = 0.95;
    std::unique_ptr<Counts> m_counts;
};

// Percentile `q` in [0, 1] of `values` with linear interpolation between order statistics
// (numpy's default); NaN values are an error.
double percentile(std::vector<double> values, double q);

// The central `level` percentile interval of each barrier metric over the resampled curves.
// `metricsOut`, when given, receives each resample's metrics (e.g. for cluster stability).
BarrierIntervals barrierIntervals(const std::vector<std::vector<double>>& resampledCurves,
                                  double level, std::vector<BarrierMetrics>* metricsOut = nullptr);

} // namespace bs
