#pragma once
// TrainedCurveView: a trained curve between two models (a quadratic Bezier curve or a
// polychain, Garipov et al. 2018) as the pair view draws it beside the straight line.

#include "core/analysis/barriers.h"

#include <QMetaType>
#include <QString>

#include <string>
#include <vector>

namespace bs::ui {

// Loss and metric along the curve and along the line, per dataset of the study, with both
// barriers; torch-free, so that a result of the curve job and a curve read from the study file
// reach the view alike.
struct TrainedCurveView {
    struct Dataset {
        std::string name;
        std::string metric; // the dataset's primary metric
        std::vector<double> lineLoss, lineMetric, curveLoss, curveMetric;
        BarrierMetrics line, curve;
    };
    std::string first, second; // the endpoints: t = 0 at first, t = 1 at second
    std::string kind;          // "bezier" or "polychain"
    QString recipe;            // how it was trained, for the view's subtitle
    std::vector<double> t;     // the points of every dataset's values
    std::vector<Dataset> datasets;

    // The same curve walked from `second` to `first`.
    TrainedCurveView reversed() const;
    // "Bezier curve" or "polychain", for legends.
    QString kindTitle() const;
};

} // namespace bs::ui

Q_DECLARE_METATYPE(bs::ui::TrainedCurveView)
