#include "app/gui/column_scatter.h"

#include <QCoreApplication>

#include <cmath>

namespace bs::ui {

ScatterData columnScatter(const ModelTable& table, const QString& xId, const QString& yId) {
    ScatterData data;
    const ModelColumn* x = table.column(xId);
    const ModelColumn* y = table.column(yId);
    if (!x || !y || !x->numeric() || !y->numeric())
        return data;
    data.title =
        QCoreApplication::translate("bs::ui::ColumnScatter", "%1 vs %2").arg(y->title, x->title);
    data.xLabel = x->title;
    data.yLabel = y->title;
    const ModelColumn* names = table.column(QStringLiteral("name"));
    const ModelColumn* clusters = table.column(QStringLiteral("cluster"));
    for (size_t m = 0; m < table.rows(); ++m) {
        const double xv = m < x->numbers.size() ? x->numbers[m] : std::nan("");
        const double yv = m < y->numbers.size() ? y->numbers[m] : std::nan("");
        if (!std::isfinite(xv) || !std::isfinite(yv))
            continue;
        const double cluster =
            clusters && m < clusters->numbers.size() ? clusters->numbers[m] : std::nan("");
        data.names.push_back(names ? names->text(m) : QString::number(m));
        data.x.push_back(xv);
        data.y.push_back(yv);
        data.clusters.push_back(std::isfinite(cluster) ? int64_t(cluster) : -1);
    }
    if (data.x.size() >= 2)
        data.regression = linearRegression(data.x, data.y);
    return data;
}

} // namespace bs::ui
