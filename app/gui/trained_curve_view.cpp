#include "app/gui/trained_curve_view.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace bs::ui {

QString curveRecipe(const CurveTrainingOptions& o, const std::string& trainSpec, int64_t examples) {
    // The file of the spec FILE:FORMAT[:options] (a path may not hold ':' here).
    const QString file = QString::fromStdString(trainSpec).section(QLatin1Char(':'), 0, 0);
    return QCoreApplication::translate("bs::ui::TrainedCurveView",
                                       "%1 %2 steps (lr %3, batch %4, seed %5) on %6 (%7 examples)")
        .arg(o.steps)
        .arg(QString::fromLatin1(curveOptimizerName(o.optimizer)))
        .arg(o.learningRate)
        .arg(o.batchSize)
        .arg(qulonglong(o.seed))
        .arg(QFileInfo(file).fileName())
        .arg(examples);
}

TrainedCurveView TrainedCurveView::fromStudy(const TrainedCurve& curve) {
    TrainedCurveView view;
    view.first = curve.first;
    view.second = curve.second;
    view.kind = curveKindName(curve.training.kind);
    view.recipe = curveRecipe(curve.training, curve.trainSpec, curve.trainingExamples);
    view.t = curve.t;
    view.datasets = curve.datasets;
    return view;
}

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
