#include "app/gui/heatmap_intervals.h"

#include <cmath>

namespace bs::ui {

const IntervalMatrices* HeatmapIntervals::of(const BootstrapResult& result, MatrixKind kind) {
    switch (kind) {
    case MatrixKind::ConvexityGap:
        return &result.convexityGap;
    case MatrixKind::BarrierHeight:
        return &result.barrierHeight;
    case MatrixKind::PeakExcess:
        return &result.peakExcess;
    case MatrixKind::Auc:
        return &result.auc;
    case MatrixKind::Distance:
        break;
    }
    return nullptr;
}

bool HeatmapIntervals::apply(HeatmapData& data, const IntervalMatrices& intervals,
                             IntervalDisplay display, double level) {
    const int64_t n = int64_t(data.names.size());
    if (intervals.low.rows != n || intervals.low.cols != n || intervals.high.rows != n ||
        intervals.high.cols != n)
        return false;
    const QString percent = QString::number(level * 100.0, 'g', 3);
    if (display == IntervalDisplay::Width) {
        Matrix width = Matrix::filled(n, n);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j)
                width(i, j) = intervals.high(i, j) - intervals.low(i, j); // NaN stays NaN
        data.values = std::move(width);
        data.title = tr("%1: width of the %2% interval").arg(data.title, percent);
        data.valueName = tr("%1 interval width").arg(data.valueName);
    } else if (display == IntervalDisplay::FadeContainingZero) {
        data.faded.assign(size_t(n * n), 0);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j) {
                const double low = intervals.low(i, j), high = intervals.high(i, j);
                data.faded[size_t(i * n + j)] = low <= 0.0 && high >= 0.0 ? 1 : 0;
            }
        data.title = tr("%1 (faded: %2% interval contains 0)").arg(data.title, percent);
        data.fadedNote = tr("the %1% interval contains 0").arg(percent);
    }
    return true;
}

QString HeatmapIntervals::text(const IntervalMatrices& intervals, int64_t i, int64_t j) {
    if (i < 0 || j < 0 || i >= intervals.low.rows || j >= intervals.low.cols)
        return QString();
    const double low = intervals.low(i, j), high = intervals.high(i, j);
    if (std::isnan(low) || std::isnan(high))
        return QString();
    return QStringLiteral("[%1, %2]")
        .arg(QString::number(low, 'g', 4), QString::number(high, 'g', 4));
}

} // namespace bs::ui
