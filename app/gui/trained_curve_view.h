#pragma once
// TrainedCurveView: a trained curve between two models (a quadratic Bezier curve or a
// polychain, Garipov et al. 2018) as the pair view draws it beside the straight line.

#include "core/study/trained_curve.h"

#include <QMetaType>
#include <QString>

#include <string>
#include <vector>

namespace bs::ui {

// Loss and metric along the curve and along the line, per dataset of the study, with both
// barriers (NaN where not computed); torch-free, so that a result of the curve job and a curve
// read from the study file reach the view alike.
struct TrainedCurveView {
    using Dataset = CurveComparison;
    std::string first, second; // the endpoints: t = 0 at first, t = 1 at second
    std::string kind;          // "bezier" or "polychain"
    QString recipe;            // how it was trained, for the view's subtitle
    std::vector<double> t;     // the points of every dataset's values
    std::vector<Dataset> datasets;

    // A curve the study keeps (its recipe written out).
    static TrainedCurveView fromStudy(const TrainedCurve& curve);
    // The same curve walked from `second` to `first`.
    TrainedCurveView reversed() const;
    // "Bezier curve" or "polychain", for legends.
    QString kindTitle() const;
};

// "300 adam steps (lr 0.001, batch 32, seed 0) on train.tsv (4000 examples)".
QString curveRecipe(const CurveTrainingOptions& options, const std::string& trainSpec,
                    int64_t examples);

} // namespace bs::ui

Q_DECLARE_METATYPE(bs::ui::TrainedCurveView)
