#include "widgets/cluster_views.h"

#include "core/study/study_csv.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

std::string field(const QString& text) {
    return csvField(text.toStdString());
}

QString formatP(double p) {
    if (!std::isfinite(p))
        return QStringLiteral("–");
    return p < 1e-4 ? QString::number(p, 'e', 1) : QString::number(p, 'g', 2);
}

// Pads a data range by 8% (and gives a constant one, or one that varies only in its last
// digits, some width so that the ticks stay readable).
QCPRange padded(double low, double high) {
    if (!std::isfinite(low) || !std::isfinite(high))
        return QCPRange(0, 1);
    const double scale = std::max({std::abs(low), std::abs(high), 1e-12});
    if (high - low <= 1e-6 * scale) {
        const double pad = std::max(scale * 0.1, 0.05);
        return QCPRange(low - pad, high + pad);
    }
    const double pad = (high - low) * 0.08;
    return QCPRange(low - pad, high + pad);
}

void clearItems(QCustomPlot* plot, QCPAbstractItem* keep) {
    for (int k = plot->itemCount() - 1; k >= 0; --k)
        if (plot->item(k) != keep)
            plot->removeItem(k);
}

QCPAbstractItem* messageItem(QCustomPlot* plot) {
    return plot->itemCount() > 0 ? plot->item(0) : nullptr; // created first by AnalysisPlot
}

} // namespace

// --- EmbeddingPlot ---------------------------------------------------------------------------

EmbeddingPlot::EmbeddingPlot(QWidget* parent)
    : AnalysisPlot(parent) {
    setData({});
}

void EmbeddingPlot::setData(EmbeddingData data) {
    m_data = std::move(data);
    m_plot->clearPlottables();
    clearItems(m_plot, messageItem(m_plot));
    m_clusters.clear();
    setTitle(m_data.title.isEmpty() ? tr("Spectral embedding") : m_data.title);
    setAxisLabels(m_data.xLabel, m_data.yLabel);
    const size_t n = std::min({m_data.x.size(), m_data.y.size(), m_data.labels.size()});
    setMessage(n == 0 ? (m_data.emptyText.isEmpty() ? tr("No clustering yet") : m_data.emptyText)
                      : QString());
    std::vector<NamedPoint> points;
    double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;
    for (int64_t c = 0; c < m_data.clusters; ++c) {
        QCPGraph* graph = m_plot->addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.2),
                                               QBrush(clusterColor(c)), 10));
        QVector<double> xs, ys;
        for (size_t k = 0; k < n; ++k)
            if (m_data.labels[k] == c) {
                xs << m_data.x[k];
                ys << m_data.y[k];
            }
        graph->setData(xs, ys);
        graph->setName(tr("cluster %1 (%2 models)").arg(c).arg(xs.size()));
        m_clusters.push_back(graph);
        // The k-means centroid is the mean of the cluster's members.
        if (!xs.isEmpty()) {
            double cx = 0, cy = 0;
            for (int k = 0; k < xs.size(); ++k)
                cx += xs[k], cy += ys[k];
            QCPGraph* centre = m_plot->addGraph();
            centre->setLineStyle(QCPGraph::lsNone);
            centre->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross,
                                                    QPen(clusterColor(c), 2.5), Qt::NoBrush, 14));
            centre->addData(cx / xs.size(), cy / xs.size());
            centre->removeFromLegend();
        }
    }
    for (size_t k = 0; k < n; ++k) {
        points.push_back(
            {m_data.x[k], m_data.y[k], k < m_data.names.size() ? m_data.names[k] : QString()});
        xl = std::min(xl, m_data.x[k]), xh = std::max(xh, m_data.x[k]);
        yl = std::min(yl, m_data.y[k]), yh = std::max(yh, m_data.y[k]);
    }
    setNamedPoints(std::move(points));
    setLegendShown(n > 0);
    m_plot->xAxis->setRange(n ? padded(xl, xh) : QCPRange(0, 1));
    m_plot->yAxis->setRange(n ? padded(yl, yh) : QCPRange(0, 1));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString EmbeddingPlot::toCsv() const {
    std::string csv = "model,cluster,x,y\n";
    for (size_t k = 0; k < m_data.x.size() && k < m_data.labels.size(); ++k)
        csv += field(k < m_data.names.size() ? m_data.names[k] : QString()) + "," +
               std::to_string(m_data.labels[k]) + "," + csvNumber(m_data.x[k]) + "," +
               csvNumber(m_data.y[k]) + "\n";
    return QString::fromStdString(csv);
}

// --- RegressionScatter -----------------------------------------------------------------------

RegressionScatter::RegressionScatter(const QString& exportName, QWidget* parent)
    : AnalysisPlot(parent)
    , m_exportName(exportName) {
    m_plot->legend->setFont(plotFont(8.5));
    setData({});
}

QString RegressionScatter::fitText() const {
    if (!m_data.regression)
        return {};
    const Regression& r = *m_data.regression;
    return tr("least squares: r = %1, p = %2 (n = %3)")
        .arg(std::isfinite(r.r) ? QString::number(r.r, 'f', 3) : QStringLiteral("–"), formatP(r.p))
        .arg(r.n);
}

void RegressionScatter::setData(ScatterData data) {
    m_data = std::move(data);
    m_plot->clearPlottables();
    clearItems(m_plot, messageItem(m_plot));
    m_fit = nullptr;
    setTitle(m_data.title);
    setAxisLabels(m_data.xLabel, m_data.yLabel);
    const size_t n = std::min(m_data.x.size(), m_data.y.size());
    std::vector<NamedPoint> points;
    double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;
    int64_t maxCluster = -1;
    for (size_t k = 0; k < n; ++k)
        if (std::isfinite(m_data.x[k]) && std::isfinite(m_data.y[k])) {
            points.push_back(
                {m_data.x[k], m_data.y[k], k < m_data.names.size() ? m_data.names[k] : QString()});
            xl = std::min(xl, m_data.x[k]), xh = std::max(xh, m_data.x[k]);
            yl = std::min(yl, m_data.y[k]), yh = std::max(yh, m_data.y[k]);
            if (k < m_data.clusters.size())
                maxCluster = std::max(maxCluster, m_data.clusters[k]);
        }
    setMessage(points.empty()
                   ? (m_data.emptyText.isEmpty() ? tr("No values to plot") : m_data.emptyText)
                   : QString());
    for (int64_t c = -1; c <= maxCluster; ++c) {
        QVector<double> xs, ys;
        for (size_t k = 0; k < n; ++k) {
            const int64_t cluster = k < m_data.clusters.size() ? m_data.clusters[k] : -1;
            if (cluster == c && std::isfinite(m_data.x[k]) && std::isfinite(m_data.y[k])) {
                xs << m_data.x[k];
                ys << m_data.y[k];
            }
        }
        if (xs.isEmpty())
            continue;
        QCPGraph* graph = m_plot->addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.2),
                                               QBrush(clusterColor(c)), 9));
        graph->setData(xs, ys);
        graph->setName(c < 0 ? tr("models") : tr("cluster %1").arg(c));
    }
    if (m_data.regression && std::isfinite(m_data.regression->slope) && !points.empty()) {
        const Regression& r = *m_data.regression;
        m_fit = m_plot->addGraph();
        const QCPRange xr = padded(xl, xh);
        m_fit->setData(
            QVector<double>{xr.lower, xr.upper},
            QVector<double>{r.slope * xr.lower + r.intercept, r.slope * xr.upper + r.intercept});
        m_fit->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.6, Qt::DashLine));
        m_fit->setName(fitText());
    } else if (m_data.regression) {
        // No line (constant x): still say what r is.
        m_fit = m_plot->addGraph();
        m_fit->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.6, Qt::DashLine));
        m_fit->setName(fitText());
    }
    setNamedPoints(std::move(points));
    setLegendShown(m_plot->graphCount() > 0);
    m_plot->xAxis->setRange(padded(xl, xh));
    QCPRange yr = padded(yl, yh);
    m_plot->yAxis->setRange(yr);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString RegressionScatter::toCsv() const {
    std::string csv = "model,cluster," + field(m_data.xLabel) + "," + field(m_data.yLabel) + "\n";
    for (size_t k = 0; k < m_data.x.size() && k < m_data.y.size(); ++k)
        csv += field(k < m_data.names.size() ? m_data.names[k] : QString()) + "," +
               (k < m_data.clusters.size() && m_data.clusters[k] >= 0
                    ? std::to_string(m_data.clusters[k])
                    : std::string()) +
               "," + csvNumber(m_data.x[k]) + "," + csvNumber(m_data.y[k]) + "\n";
    if (m_data.regression)
        csv += "# r=" + csvNumber(m_data.regression->r) + " p=" + csvNumber(m_data.regression->p) +
               " slope=" + csvNumber(m_data.regression->slope) +
               " intercept=" + csvNumber(m_data.regression->intercept) + "\n";
    return QString::fromStdString(csv);
}

// --- ClusterHistogram ------------------------------------------------------------------------

ClusterHistogram::ClusterHistogram(QWidget* parent)
    : AnalysisPlot(parent) {
    m_group = new QCPBarsGroup(m_plot);
    m_group->setSpacingType(QCPBarsGroup::stAbsolute);
    m_group->setSpacing(1);
    setData({});
}

void ClusterHistogram::setData(HistogramData data) {
    m_data = std::move(data);
    m_plot->clearPlottables();
    m_bars.clear();
    m_edges.clear();
    setTitle(m_data.title);
    setAxisLabels(m_data.xLabel, tr("models"));
    double low = INFINITY, high = -INFINITY;
    for (double v : m_data.values)
        if (std::isfinite(v))
            low = std::min(low, v), high = std::max(high, v);
    const bool any = std::isfinite(low);
    setMessage(!any || m_data.clusterCount <= 0
                   ? (m_data.emptyText.isEmpty() ? tr("No values to plot") : m_data.emptyText)
                   : QString());
    if (!any || m_data.clusterCount <= 0) {
        setLegendShown(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const int bins = std::max(1, m_data.bins);
    if (high <= low)
        high = low + std::max(std::abs(low) * 0.05, 0.01);
    const double width = (high - low) / bins;
    for (int b = 0; b <= bins; ++b)
        m_edges.push_back(low + b * width);
    int tallest = 1;
    for (int64_t c = 0; c < m_data.clusterCount; ++c) {
        QVector<double> keys, counts(bins, 0.0);
        for (int b = 0; b < bins; ++b)
            keys << low + (b + 0.5) * width;
        for (size_t k = 0; k < m_data.values.size() && k < m_data.clusters.size(); ++k) {
            const double v = m_data.values[k];
            if (m_data.clusters[k] != c || !std::isfinite(v))
                continue;
            counts[std::clamp(int((v - low) / width), 0, bins - 1)] += 1;
        }
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setData(keys, counts, true);
        bars->setWidth(width * 0.85 / double(m_data.clusterCount));
        QColor fill = clusterColor(c);
        bars->setPen(QPen(fill.darker(130), 1));
        fill.setAlpha(200);
        bars->setBrush(fill);
        bars->setBarsGroup(m_group);
        int total = 0;
        for (double n : counts)
            total += int(n), tallest = std::max(tallest, int(n));
        bars->setName(tr("cluster %1 (%2 models)").arg(c).arg(total));
        m_bars.push_back(bars);
    }
    setLegendShown(true);
    m_plot->xAxis->setRange(low - width * 0.6, high + width * 0.6);
    m_plot->yAxis->setRange(0, tallest * 1.1 + 0.3);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(ticker);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<int> ClusterHistogram::counts() const {
    std::vector<int> result;
    for (QCPBars* bars : m_bars) {
        int total = 0;
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            total += int(it->value);
        result.push_back(total);
    }
    return result;
}

QString ClusterHistogram::toCsv() const {
    std::string csv = "cluster,bin_low,bin_high,models\n";
    for (size_t c = 0; c < m_bars.size(); ++c) {
        size_t b = 0;
        for (auto it = m_bars[c]->data()->constBegin(); it != m_bars[c]->data()->constEnd();
             ++it, ++b)
            csv += std::to_string(c) + "," + csvNumber(m_edges[b]) + "," +
                   csvNumber(m_edges[b + 1]) + "," + std::to_string(int(it->value)) + "\n";
    }
    return QString::fromStdString(csv);
}

} // namespace bs::ui
