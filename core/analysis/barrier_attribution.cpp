#include "core/analysis/barrier_attribution.h"

#include "core/common/csv_field.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace bs {

namespace {

BarrierMetrics metricsOrNaN(const std::vector<double>& losses) {
    for (const double v : losses)
        if (!std::isfinite(v) || losses.size() < 2) {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            return BarrierMetrics{nan, nan, nan, nan};
        }
    return barrierMetrics(losses);
}

std::string number(double v) {
    if (std::isnan(v))
        return "nan";
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", v);
    return text;
}

} // namespace

void updateAttributionMetrics(BarrierAttribution& a) {
    a.plain = metricsOrNaN(a.loss);
    for (GroupAttribution& g : a.groups) {
        g.only = metricsOrNaN(g.onlyLoss);
        g.allBut = metricsOrNaN(g.allButLoss);
    }
}

std::string attributionCsv(const BarrierAttribution& a) {
    std::string out = "path,group,scalars,alpha,loss," + csvField(a.metricName) + "\n";
    auto rows = [&](const std::string& path, const std::string& group, int64_t scalars,
                    const std::vector<double>& loss, const std::vector<double>& metric) {
        for (size_t k = 0; k < a.alphas.size(); ++k)
            out += csvField(path) + "," + csvField(group) + "," + std::to_string(scalars) + "," +
                   number(a.alphas[k]) + "," + number(k < loss.size() ? loss[k] : NAN) + "," +
                   number(k < metric.size() ? metric[k] : NAN) + "\n";
    };
    int64_t total = 0;
    for (const GroupAttribution& g : a.groups)
        total += g.scalars;
    rows("line", "all", total, a.loss, a.metric);
    for (const GroupAttribution& g : a.groups) {
        rows("only", g.group, g.scalars, g.onlyLoss, g.onlyMetric);
        rows("all but", g.group, total - g.scalars, g.allButLoss, g.allButMetric);
    }
    return out;
}

std::string attributionSummaryCsv(const BarrierAttribution& a) {
    std::string out = "path,group,scalars,barrier_height,convexity_gap,peak_excess,auc\n";
    auto row = [&](const std::string& path, const std::string& group, int64_t scalars,
                   const BarrierMetrics& m) {
        out += csvField(path) + "," + csvField(group) + "," + std::to_string(scalars) + "," +
               number(m.barrierHeight) + "," + number(m.convexityGap) + "," + number(m.peakExcess) +
               "," + number(m.auc) + "\n";
    };
    int64_t total = 0;
    for (const GroupAttribution& g : a.groups)
        total += g.scalars;
    row("line", "all", total, a.plain);
    for (const GroupAttribution& g : a.groups) {
        row("only", g.group, g.scalars, g.only);
        row("all but", g.group, total - g.scalars, g.allBut);
    }
    return out;
}

} // namespace bs
