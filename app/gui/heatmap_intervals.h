#pragma once
// What the connectivity map shows of a matrix's bootstrap intervals: the value, the interval
// width, or the value with the cells whose interval contains 0 faded.

#include "app/gui/study_views.h"
#include "core/jobs/bootstrap_job.h"
#include "widgets/connectivity_heatmap.h"

#include <QCoreApplication>
#include <QString>

namespace bs::ui {

enum class IntervalDisplay { Value, Width, FadeContainingZero };

class HeatmapIntervals {
    Q_DECLARE_TR_FUNCTIONS(HeatmapIntervals)
public:
    // The intervals of `kind` in `result`; nullptr for the distance, which has none.
    static const IntervalMatrices* of(const BootstrapResult& result, MatrixKind kind);
    // Rewrites `data` for `display`: Width puts high - low in every cell (NaN where a pair has
    // no interval); FadeContainingZero keeps the values and fades each cell whose interval
    // contains 0 (no evidence of a barrier at the interval's level). Value leaves it as it is.
    // Intervals of another size than the map (another study) leave it unchanged: false.
    static bool apply(HeatmapData& data, const IntervalMatrices& intervals, IntervalDisplay display,
                      double level);
    // "[low, high]" of pair (i, j), empty when it has none.
    static QString text(const IntervalMatrices& intervals, int64_t i, int64_t j);
};

} // namespace bs::ui
