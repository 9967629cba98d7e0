#include "core/analysis/bootstrap_intervals.h"

#include "core/analysis/random.h"
#include "core/common/error.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace bs {

struct BootstrapResamples::Counts {
    Eigen::MatrixXd counts; // [resamples, examples]
};

BootstrapResamples::BootstrapResamples(int64_t examples, const BootstrapOptions& options)
    : m_examples(examples)
    , m_resamples(options.resamples)
    , m_level(options.level)
    , m_counts(std::make_unique<Counts>()) {
    if (examples < 1)
        throw Error("bootstrap needs at least one example");
    if (options.resamples < 2)
        throw Error("bootstrap needs at least 2 resamples, got " +
                    std::to_string(options.resamples));
    if (!(options.level > 0.0 && options.level < 1.0))
        throw Error("bootstrap level must lie in (0, 1), got " + std::to_string(options.level));
    m_counts->counts = Eigen::MatrixXd::Zero(options.resamples, examples);
    Rng rng(options.seed);
    for (int64_t b = 0; b < options.resamples; ++b)
        for (int64_t n = 0; n < examples; ++n)
            m_counts->counts(b, static_cast<int64_t>(rng.below(static_cast<uint64_t>(examples)))) +=
                1.0;
}

BootstrapResamples::~BootstrapResamples() = default;
BootstrapResamples::BootstrapResamples(BootstrapResamples&&) noexcept = default;

double BootstrapResamples::count(int64_t b, int64_t e) const {
    return m_counts->counts(b, e);
}

std::vector<std::vector<double>>
BootstrapResamples::resampledCurves(const std::vector<std::vector<float>>& losses) const {
    return resampledCurves(losses, 0, m_resamples);
}

std::vector<std::vector<double>>
BootstrapResamples::resampledCurves(const std::vector<std::vector<float>>& losses, int64_t first,
                                    int64_t count) const {
    if (first < 0 || count < 0 || first + count > m_resamples)
        throw Error("bootstrap: resamples [" + std::to_string(first) + ", " +
                    std::to_string(first + count) + ") of " + std::to_string(m_resamples));
    const auto points = static_cast<int64_t>(losses.size());
    Eigen::MatrixXd l(m_examples, points);
    for (int64_t k = 0; k < points; ++k) {
        if (static_cast<int64_t>(losses[static_cast<size_t>(k)].size()) != m_examples)
            throw Error("bootstrap: point " + std::to_string(k) + " has " +
                        std::to_string(losses[static_cast<size_t>(k)].size()) +
                        " example losses, the resamples " + std::to_string(m_examples));
        for (int64_t e = 0; e < m_examples; ++e)
            l(e, k) = losses[static_cast<size_t>(k)][static_cast<size_t>(e)];
    }
    const Eigen::MatrixXd means =
        (m_counts->counts.middleRows(first, count) * l) / static_cast<double>(m_examples);
    std::vector<std::vector<double>> out(static_cast<size_t>(count),
                                         std::vector<double>(static_cast<size_t>(points)));
    for (int64_t b = 0; b < count; ++b)
        for (int64_t k = 0; k < points; ++k)
            out[static_cast<size_t>(b)][static_cast<size_t>(k)] = means(b, k);
    return out;
}

double percentile(std::vector<double> values, double q) {
    if (values.empty())
        throw Error("percentile of no values");
    for (const double v : values)
        if (std::isnan(v))
            throw Error("percentile of a NaN value");
    std::sort(values.begin(), values.end());
    const double at = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<size_t>(std::floor(at));
    const size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (at - static_cast<double>(below)) * (values[above] - values[below]);
}

BarrierIntervals barrierIntervals(const std::vector<std::vector<double>>& resampledCurves,
                                  double level, std::vector<BarrierMetrics>* metricsOut) {
    std::vector<double> bh, cg, pe, auc;
    if (metricsOut)
        metricsOut->clear();
    for (const std::vector<double>& curve : resampledCurves) {
        const BarrierMetrics m = barrierMetrics(curve);
        bh.push_back(m.barrierHeight);
        cg.push_back(m.convexityGap);
        pe.push_back(m.peakExcess);
        auc.push_back(m.auc);
        if (metricsOut)
            metricsOut->push_back(m);
    }
    const double lowQ = (1.0 - level) / 2.0, highQ = 1.0 - lowQ;
    auto interval = [&](const std::vector<double>& v) {
        return MetricInterval{percentile(v, lowQ), percentile(v, highQ)};
    };
    return BarrierIntervals{interval(bh), interval(cg), interval(pe), interval(auc)};
}

} // namespace bs
