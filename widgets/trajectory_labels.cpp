#include "widgets/trajectory_labels.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace bs::ui {

QString trajectoryAxisTitle(const TrajectoryAxes& axes, int axis) {
    const double percent = 100.0 * axes.explainedVariance[size_t(axis == 0 ? 0 : 1)];
    // Unknown (NaN) until the components are computed.
    if (!std::isfinite(percent))
        return QCoreApplication::translate("bs::ui::PlaneContourView", "PC%1").arg(axis + 1);
    return QCoreApplication::translate("bs::ui::PlaneContourView", "PC%1 (%2%)")
        .arg(axis + 1)
        .arg(QString::number(percent, 'g', 3));
}

QString checkpointLabel(const std::string& model) {
    static const QRegularExpression step(QStringLiteral("(?:^|/)checkpoint-(\\d+)$"));
    const QString name = QString::fromStdString(model);
    const QRegularExpressionMatch match = step.match(name);
    if (!match.hasMatch())
        return name;
    return QCoreApplication::translate("bs::ui::PlaneContourView", "step %1")
        .arg(match.captured(1));
}

} // namespace bs::ui
