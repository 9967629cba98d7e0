#include "app/gui/trained_curve_view.h"

#include <QCoreApplication>

#include <algorithm>

namespace bs::ui {

TrainedCurveView TrainedCurveView::reversed() const {
    TrainedCurveView r = *this;
    std::swap(r.first, r.second);
    // The points k / (P - 1) are symmetric: reversing the values is the walk back. Barrier
    // metrics are symmetric under reversal, so they stay.
    std::transform(t.rbegin(), t.rend(), r.t.begin(), [](double v) { return 1.0 - v; });
    for (Dataset& d : r.datasets)
        for (auto* values : {&d.lineLoss, &d.lineMetric, &d.curveLoss, &d.curveMetric})
            std::reverse(values->begin(), values->end());
    return r;
}

QString TrainedCurveView::kindTitle() const {
    return kind == "polychain"
               ? QCoreApplication::translate("bs::ui::TrainedCurveView", "polychain")
               : QCoreApplication::translate("bs::ui::TrainedCurveView", "Bezier curve");
}

} // namespace bs::ui
