#include "app/gui/trained_curve_series.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

// The translation context of this file's texts.
struct TrainedCurveSeries {
    Q_DECLARE_TR_FUNCTIONS(TrainedCurveSeries)
};

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString number(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'g', 4); // NaN: not computed
}

// The shown datasets in the order of the line series of a one-pair view: the surface dataset
// first, then the others in study order, without the hidden ones.
std::vector<std::string> seriesDatasets(const Study& study, const QStringList& hidden) {
    std::vector<std::string> names;
    if (const DatasetEntry* surface = study.surfaceDataset())
        names.push_back(surface->name);
    for (const DatasetEntry& d : study.datasets)
        if (d.role != DatasetRole::Surface)
            names.push_back(d.name);
    std::erase_if(names, [&](const std::string& n) { return hidden.contains(qs(n)); });
    return names;
}

const TrainedCurveView::Dataset* find(const TrainedCurveView& curve, const std::string& name) {
    for (const TrainedCurveView::Dataset& d : curve.datasets)
        if (d.dataset == name)
            return &d;
    return nullptr;
}

} // namespace

std::vector<TrainedCurveView> addTrainedCurves(InterpolationData& data, const Study& study,
                                               const ModelPair& pair,
                                               const std::vector<TrainedCurveView>& curves,
                                               const QStringList& hidden) {
    const auto [i, j] = pair;
    if (i < 0 || j < 0 || size_t(std::max(i, j)) >= study.models.size())
        return {};
    const std::string& first = study.models[size_t(i)].name;
    const std::string& second = study.models[size_t(j)].name;
    std::vector<TrainedCurveView> shown;
    for (const TrainedCurveView& c : curves) {
        if (c.first == first && c.second == second)
            shown.push_back(c);
        else if (c.first == second && c.second == first)
            shown.push_back(c.reversed());
    }
    const std::vector<std::string> datasets = seriesDatasets(study, hidden);
    // The line series come first, one per shown dataset; anything else is not a one-pair view.
    if (shown.empty() || data.series.size() != datasets.size())
        return {};

    for (const TrainedCurveView& c : shown)
        for (size_t d = 0; d < datasets.size(); ++d) {
            const TrainedCurveView::Dataset* values = find(c, datasets[d]);
            if (!values)
                continue;
            CurveSeries series;
            series.label = TrainedCurveSeries::tr("%1 · %2").arg(qs(datasets[d]), c.kindTitle());
            series.color = data.series[d].color.darker(125);
            series.style = data.series[d].style;
            series.marker =
                c.kind == "polychain" ? CurveSeries::Marker::Square : CurveSeries::Marker::Diamond;
            series.alpha = c.t;
            series.loss = values->curveLoss;
            series.metric = values->curveMetric;
            data.series.push_back(std::move(series));
        }

    // "Barrier height, line / Bezier curve: dev 1.289 / 0 · hans 0.73 / 1.2", then a recipe
    // per curve.
    QStringList kinds{TrainedCurveSeries::tr("line")};
    for (const TrainedCurveView& c : shown)
        kinds << c.kindTitle();
    QStringList values;
    for (const std::string& name : datasets) {
        QStringList heights;
        const TrainedCurveView::Dataset* line = nullptr;
        for (const TrainedCurveView& c : shown)
            if ((line = find(c, name)))
                break;
        if (!line)
            continue;
        heights << number(line->line.barrierHeight);
        for (const TrainedCurveView& c : shown) {
            const TrainedCurveView::Dataset* d = find(c, name);
            heights << (d ? number(d->curve.barrierHeight) : QStringLiteral("–"));
        }
        values << TrainedCurveSeries::tr("%1 %2").arg(qs(name),
                                                      heights.join(QStringLiteral(" / ")));
    }
    QStringList lines{
        TrainedCurveSeries::tr("Barrier height, %1: %2")
            .arg(kinds.join(QStringLiteral(" / ")), values.join(QStringLiteral(" · ")))};
    for (const TrainedCurveView& c : shown)
        if (!c.recipe.isEmpty())
            lines << TrainedCurveSeries::tr("%1: %2").arg(c.kindTitle(), c.recipe);
    data.subtitle = lines.join(QLatin1Char('\n'));
    data.alphaLabel = TrainedCurveSeries::tr("%1;  t along the curves").arg(data.alphaLabel);
    return shown;
}

} // namespace bs::ui
