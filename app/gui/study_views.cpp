#include "app/gui/study_views.h"

#include "app/gui/curve_groups.h"
#include "widgets/color_maps.h"

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

const DatasetEntry* findDataset(const Study& study, const QString& name) {
    const int64_t index = study.datasetIndex(name.toStdString());
    if (index >= 0)
        return &study.datasets[size_t(index)];
    return study.surfaceDataset();
}

const std::vector<Qt::PenStyle>& datasetStyles() {
    static const std::vector<Qt::PenStyle> styles = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                                     Qt::DashDotLine, Qt::DashDotDotLine};
    return styles;
}

// The datasets the curve view shows, surface first, with their line style.
std::vector<std::pair<const DatasetEntry*, Qt::PenStyle>> shownDatasets(const Study& study,
                                                                        const QStringList& hidden) {
    std::vector<const DatasetEntry*> ordered;
    if (const DatasetEntry* surface = study.surfaceDataset())
        ordered.push_back(surface);
    for (const DatasetEntry& d : study.datasets)
        if (d.role != DatasetRole::Surface)
            ordered.push_back(&d);
    std::vector<std::pair<const DatasetEntry*, Qt::PenStyle>> shown;
    for (size_t k = 0; k < ordered.size(); ++k)
        if (!hidden.contains(qs(ordered[k]->name)))
            shown.emplace_back(ordered[k], datasetStyles()[k % datasetStyles().size()]);
    return shown;
}

QString metricLabel(const std::vector<std::pair<const DatasetEntry*, Qt::PenStyle>>& shown) {
    QStringList metrics;
    for (const auto& [dataset, style] : shown)
        if (!metrics.contains(qs(dataset->primaryMetric)))
            metrics << qs(dataset->primaryMetric);
    return metrics.join(QStringLiteral(" / "));
}

ModelColumn makeColumn(const QString& id, const QString& title, const QString& toolTip,
                       ModelColumn::Kind kind) {
    ModelColumn column;
    column.id = id;
    column.title = title;
    column.toolTip = toolTip;
    column.kind = kind;
    return column;
}

} // namespace

std::vector<MatrixKind> StudyViews::matrixKinds() {
    return allMatrixKinds();
}

QString StudyViews::matrixId(MatrixKind kind) {
    return QString::fromStdString(bs::matrixId(kind));
}

MatrixKind StudyViews::matrixFromId(const QString& id) {
    return findMatrixId(id.toStdString()).value_or(MatrixKind::ConvexityGap);
}

QString StudyViews::matrixTitle(MatrixKind kind) {
    return QString::fromStdString(matrixDisplayName(kind));
}

QString StudyViews::matrixShortName(MatrixKind kind) {
    return QString::fromStdString(bs::matrixShortName(kind));
}

ModelTable StudyViews::modelTable(const Study& study, const ClusteringResult* shown) {
    const size_t n = study.models.size();
    ModelTable table;
    table.colors = modelColors(n);
    ModelColumn name =
        makeColumn(QStringLiteral("name"), tr("Model"), QString(), ModelColumn::Kind::Text);
    ModelColumn family =
        makeColumn(QStringLiteral("family"), tr("Family"), QString(), ModelColumn::Kind::Text);
    ModelColumn parameters = makeColumn(QStringLiteral("parameters"), tr("Parameters"), QString(),
                                        ModelColumn::Kind::Integer);
    ModelColumn run = makeColumn(QStringLiteral("run"), tr("Run"),
                                 tr("Training run of the checkpoint"), ModelColumn::Kind::Text);
    ModelColumn step =
        makeColumn(QStringLiteral("step"), tr("Step"), tr("Training step of the checkpoint"),
                   ModelColumn::Kind::Integer);
    bool haveRun = false, haveStep = false;
    for (const ModelEntry& m : study.models) {
        name.texts.push_back(qs(m.name));
        family.texts.push_back(qs(m.family));
        parameters.numbers.push_back(double(m.parameterCount));
        run.texts.push_back(qs(m.run));
        step.numbers.push_back(m.step >= 0 ? double(m.step) : kNaN);
        haveRun |= !m.run.empty();
        haveStep |= m.step >= 0;
    }
    table.columns = {name, family, parameters};
    if (haveRun)
        table.columns.push_back(run);
    if (haveStep)
        table.columns.push_back(step);

    auto evaluationColumn = [&](const DatasetEntry& dataset, bool loss) {
        ModelColumn column;
        const QString ds = qs(dataset.name);
        const QString metric = qs(dataset.primaryMetric);
        column.id = (loss ? QStringLiteral("loss:") : QStringLiteral("metric:")) + ds;
        column.title = loss ? tr("%1 loss").arg(ds) : tr("%1 %2").arg(ds, metric);
        column.toolTip =
            loss ? tr("Mean cross-entropy on %1 (%2 examples)")
                       .arg(ds)
                       .arg(dataset.sampleRows.size())
                 : tr("%1 on %2 (%3 examples)").arg(metric, ds).arg(dataset.sampleRows.size());
        column.kind = ModelColumn::Kind::Number;
        column.decimals = loss ? 4 : 3;
        const auto it = study.evaluations.find(dataset.name);
        for (size_t m = 0; m < n; ++m) {
            double value = kNaN;
            if (it != study.evaluations.end() && m < it->second.size())
                value = loss ? it->second[m].loss : it->second[m].metric(dataset.primaryMetric);
            column.numbers.push_back(value);
        }
        return column;
    };
    if (const DatasetEntry* surface = study.surfaceDataset()) {
        table.columns.push_back(evaluationColumn(*surface, true));
        table.columns.push_back(evaluationColumn(*surface, false));
    }
    for (const DatasetEntry& dataset : study.datasets)
        if (dataset.role == DatasetRole::Diagnostic)
            table.columns.push_back(evaluationColumn(dataset, false));

    if (shown || !study.clusterings.empty()) {
        const ClusteringResult& clustering = shown ? *shown : study.clusterings.back();
        ModelColumn cluster =
            makeColumn(QStringLiteral("cluster"), tr("Cluster"),
                       tr("Cluster in %1").arg(qs(clustering.id)), ModelColumn::Kind::Integer);
        cluster.numbers.assign(n, kNaN);
        for (size_t k = 0; k < clustering.models.size() && k < clustering.labels.size(); ++k) {
            const int64_t m = study.modelIndex(clustering.models[k]);
            if (m >= 0)
                cluster.numbers[size_t(m)] = double(clustering.labels[k]);
        }
        table.columns.push_back(cluster);
    }
    return table;
}

QString StudyViews::defaultScoreColumn(const Study& study) {
    for (const DatasetEntry& dataset : study.datasets)
        if (dataset.role == DatasetRole::Diagnostic)
            return QStringLiteral("metric:") + qs(dataset.name);
    if (const DatasetEntry* surface = study.surfaceDataset())
        return QStringLiteral("metric:") + qs(surface->name);
    return QStringLiteral("name");
}

int64_t StudyViews::completePairs(const Study& study) {
    const DatasetEntry* surface = study.surfaceDataset();
    if (!surface)
        return 0;
    const auto it = study.curves.find(surface->name);
    if (it == study.curves.end())
        return 0;
    const std::vector<int64_t> models = bs::connectivityModels(study);
    int64_t count = 0;
    for (size_t a = 0; a < models.size(); ++a)
        for (size_t b = a + 1; b < models.size(); ++b)
            if (models[b] < it->second.models)
                count += it->second.hasPair(models[a], models[b]) ? 1 : 0;
    return count;
}

ModelPair StudyViews::strongestPair(const Study& study) {
    ModelPair best{-1, -1};
    const DatasetEntry* surface = study.surfaceDataset();
    if (!surface)
        return best;
    const auto it = study.matrices.find(surface->name);
    if (it == study.matrices.end())
        return best;
    const Matrix& cg = it->second.convexityGap;
    const std::vector<int64_t> models = bs::connectivityModels(study);
    double highest = -1.0;
    for (size_t a = 0; a < models.size(); ++a)
        for (size_t b = a + 1; b < models.size(); ++b) {
            const int64_t i = models[a], j = models[b];
            if (i >= cg.rows || j >= cg.cols || !std::isfinite(cg(i, j)) || !(cg(i, j) > highest))
                continue;
            highest = cg(i, j);
            best = {i, j};
        }
    return best;
}

HeatmapData StudyViews::heatmap(const Study& study, MatrixKind kind, const QString& datasetName) {
    HeatmapData data;
    const int64_t n = int64_t(study.models.size());
    for (const ModelEntry& m : study.models)
        data.names.push_back(qs(m.name));
    data.values = Matrix::filled(n, n);
    data.emptyText = tr("No models yet.\nFile ▸ New Study… creates a study from checkpoint "
                        "folders;\nFile ▸ Open… opens an existing one.");
    const DatasetEntry* dataset = findDataset(study, datasetName);
    const Matrix* source = nullptr;
    if (kind == MatrixKind::Distance) {
        source = &study.distance;
    } else if (dataset) {
        const auto it = study.matrices.find(dataset->name);
        if (it != study.matrices.end())
            source = &it->second.of(kind);
    }
    if (source && source->rows == n && source->cols == n)
        data.values = *source;
    const int64_t shown = int64_t(bs::connectivityModels(study).size());
    const int64_t total = shown * (shown - 1) / 2;
    const QString progress = tr("%1 of %2 pairs").arg(completePairs(study)).arg(total);
    if (kind == MatrixKind::Distance) {
        data.title = tr("%1 · %2").arg(matrixTitle(kind), progress);
        data.valueName = tr("L2 distance");
    } else {
        const QString ds = dataset ? qs(dataset->name) : QString();
        data.title = tr("%1 on %2 · %3").arg(matrixTitle(kind), ds, progress);
        data.valueName = tr("%1 (%2 loss)").arg(matrixShortName(kind), ds);
    }
    return data;
}

InterpolationData StudyViews::pairCurves(const Study& study, const std::vector<ModelPair>& pairs,
                                         const QStringList& hidden) {
    InterpolationData data;
    const auto shown = shownDatasets(study, hidden);
    data.lossLabel = tr("loss");
    data.metricLabel = metricLabel(shown);
    data.emptyText = tr("Click a cell of the connectivity map, or select two or more\n"
                        "models in the table, to see their interpolation curves.");
    if (pairs.empty()) {
        data.alphaLabel = tr("α");
        return data;
    }
    auto name = [&](int64_t m) {
        return qs(study.models[size_t(m)].name);
    };
    if (pairs.size() == 1) {
        const auto [i, j] = pairs.front();
        data.title = tr("%1 → %2").arg(name(i), name(j));
        data.alphaLabel = tr("α   (0 = %1, 1 = %2)").arg(name(i), name(j));
    } else {
        data.title = tr("%n pair(s)", nullptr, int(pairs.size()));
        data.alphaLabel = tr("α   (0 = first model, 1 = second model of each pair)");
    }
    const std::vector<double> alpha = curveAlphas(study.points);
    // One pair: a colour per dataset, so that five datasets stay apart; several pairs: a
    // colour per pair and a line style per dataset.
    const bool onePair = pairs.size() == 1;
    const std::vector<QColor> colors = modelColors(onePair ? shown.size() : pairs.size());
    for (size_t p = 0; p < pairs.size(); ++p) {
        const auto [i, j] = pairs[p];
        size_t d = 0;
        for (const auto& [dataset, style] : shown) {
            CurveSeries series;
            series.color = colors[onePair ? d : p];
            ++d;
            series.style = style;
            series.alpha = alpha;
            const auto it = study.curves.find(dataset->name);
            const bool have = it != study.curves.end() && it->second.models > std::max(i, j) &&
                              it->second.points == study.points;
            series.loss =
                have ? it->second.lossCurve(i, j) : std::vector<double>(alpha.size(), kNaN);
            series.metric =
                have ? it->second.metricCurve(i, j) : std::vector<double>(alpha.size(), kNaN);
            const QString pairText =
                pairs.size() == 1 ? QString() : tr("%1 → %2").arg(name(i), name(j));
            series.label = pairText.isEmpty() ? qs(dataset->name)
                                              : tr("%1 · %2").arg(pairText, qs(dataset->name));
            if (std::none_of(series.loss.begin(), series.loss.end(),
                             [](double v) { return !std::isnan(v); }))
                series.label += tr(" (not computed)");
            data.series.push_back(std::move(series));
        }
    }
    return data;
}

InterpolationData StudyViews::groupCurves(const Study& study, const ModelColumn& column, int k,
                                          const QStringList& hidden) {
    InterpolationData data;
    const auto shown = shownDatasets(study, hidden);
    data.lossLabel = tr("loss");
    data.metricLabel = metricLabel(shown);
    const PairGroups groups = groupPairs(column.numbers, k);
    const int size = int(groups.top.size());
    data.title = tr("Top %1 vs bottom %1 by %2").arg(size).arg(column.title);
    data.alphaLabel = tr("α   (across: 0 = top model, 1 = bottom model)");
    data.emptyText = column.numeric()
                         ? tr("Grouping needs at least two models with a value in \"%1\".\n"
                              "Compute ▸ Evaluate Models fills the metric columns.")
                               .arg(column.title)
                         : tr("Choose a numeric column to group models by.");
    if (size == 0 || !column.numeric())
        return data;
    const std::vector<double> alpha = curveAlphas(study.points);
    struct Group {
        QString name;
        QColor color;
        const std::vector<ModelPair>* pairs;
    };
    const Group kinds[] = {
        {tr("within top-%1").arg(size), withinTopColor(), &groups.withinTop},
        {tr("within bottom-%1").arg(size), withinBottomColor(), &groups.withinBottom},
        {tr("across"), acrossColor(), &groups.across},
    };
    for (const Group& group : kinds) {
        if (group.pairs->empty())
            continue;
        for (const auto& [dataset, style] : shown) {
            const auto it = study.curves.find(dataset->name);
            if (it == study.curves.end())
                continue;
            const MeanCurve loss = meanCurve(it->second, *group.pairs, false);
            const MeanCurve metric = meanCurve(it->second, *group.pairs, true);
            CurveSeries series;
            series.color = group.color;
            series.style = style;
            series.alpha = alpha;
            const auto nan = std::vector<double>(alpha.size(), kNaN);
            series.loss = loss.pairs > 0 ? loss.mean : nan;
            series.lossLow = loss.pairs > 0 ? loss.low : nan;
            series.lossHigh = loss.pairs > 0 ? loss.high : nan;
            series.metric = metric.pairs > 0 ? metric.mean : nan;
            series.metricLow = metric.pairs > 0 ? metric.low : nan;
            series.metricHigh = metric.pairs > 0 ? metric.high : nan;
            series.label =
                tr("%1 (N=%2) · %3").arg(group.name).arg(loss.pairs).arg(qs(dataset->name));
            data.series.push_back(std::move(series));
        }
    }
    return data;
}

} // namespace bs::ui
