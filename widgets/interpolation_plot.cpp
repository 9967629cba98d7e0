#include "widgets/interpolation_plot.h"
#include "widgets/plot_fonts.h"
#include "widgets/plot_legend.h"
#include "widgets/plot_message.h"

#include "core/study/study_csv.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

QVector<double> toVector(const std::vector<double>& values) {
    return QVector<double>(values.begin(), values.end());
}

void styleAxis(QCPAxis* axis, const QFont& base) {
    axis->setTickLabelFont(withPoints(base, 9));
    axis->setLabelFont(withPoints(base, 9.5));
    axis->grid()->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0, Qt::SolidLine));
    axis->setSubTicks(false);
}

QCPScatterStyle markerStyle(const CurveSeries& series) {
    switch (series.marker) {
    case CurveSeries::Marker::Diamond:
        return QCPScatterStyle(QCPScatterStyle::ssDiamond, series.color, series.color, 7);
    case CurveSeries::Marker::Square:
        return QCPScatterStyle(QCPScatterStyle::ssSquare, series.color, series.color, 6);
    case CurveSeries::Marker::Disc:
        break;
    }
    return QCPScatterStyle(QCPScatterStyle::ssDisc, series.color, 5);
}

// Adds the line (and its band) of `values` to `rect`; returns the line graph.
QCPGraph* addCurve(QCustomPlot* plot, QCPAxisRect* rect, const CurveSeries& series,
                   const std::vector<double>& values, const std::vector<double>& low,
                   const std::vector<double>& high) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const QVector<double> alpha = toVector(series.alpha);
    if (!low.empty() && low.size() == series.alpha.size() && high.size() == low.size()) {
        QCPGraph* lower = plot->addGraph(x, y);
        QCPGraph* upper = plot->addGraph(x, y);
        lower->setData(alpha, toVector(low), true);
        upper->setData(alpha, toVector(high), true);
        lower->setPen(Qt::NoPen);
        upper->setPen(Qt::NoPen);
        QColor fill = series.color;
        fill.setAlpha(series.style == Qt::SolidLine ? 55 : 35);
        upper->setBrush(fill);
        upper->setChannelFillGraph(lower);
        lower->removeFromLegend();
        upper->removeFromLegend();
    }
    QCPGraph* line = plot->addGraph(x, y);
    line->setData(alpha, toVector(values), true);
    QPen pen(series.color, 2.0, series.style);
    pen.setCapStyle(Qt::RoundCap);
    line->setPen(pen);
    line->setScatterStyle(markerStyle(series));
    line->setName(series.label);
    return line;
}

} // namespace

InterpolationPlot::InterpolationPlot(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot);
    const QFont base = font();

    m_title = new QCPTextElement(m_plot, QString(), withPoints(base, 11, true));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    // The subtitle's row stays empty, of no height, while there is none.
    m_subtitle = new QCPTextElement(m_plot, QString(), withPoints(base, 9));
    m_subtitle->setTextColor(QColor(0x40, 0x40, 0x40));
    m_plot->plotLayout()->insertRow(kSubtitleRow);
    m_plot->plotLayout()->setRowStretchFactor(kSubtitleRow, 0.001);
    m_lossRect = m_plot->axisRect();
    m_metricRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(kSubtitleRow + 2, 0, m_metricRect);
    auto* margins = new QCPMarginGroup(m_plot);
    for (QCPAxisRect* rect : {m_lossRect, m_metricRect}) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        for (QCPAxis* axis : rect->axes())
            styleAxis(axis, base);
        rect->axis(QCPAxis::atBottom)->setRange(0, 1);
    }
    m_lossRect->axis(QCPAxis::atBottom)->setTickLabels(false);
    // The legend goes below both panels, in columns, so it never covers a curve.
    placeLegendBelow(m_plot, kLegendRow, 3, withPoints(base, 9));
    m_plot->plotLayout()->setRowSpacing(4);
    m_emptyLabel = new PlotMessage(m_lossRect, withPoints(base, 10.5), QColor(0x60, 0x60, 0x60));

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lossRect->setRangeDrag(Qt::Vertical);
    m_lossRect->setRangeZoom(Qt::Vertical);
    m_metricRect->setRangeDrag(Qt::Vertical);
    m_metricRect->setRangeZoom(Qt::Vertical);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { rebuild(); });
    setMinimumSize(300, 260);
    rebuild();
}

InterpolationPlot::~InterpolationPlot() = default;

void InterpolationPlot::setData(InterpolationData data) {
    m_data = std::move(data);
    rebuild();
}

int InterpolationPlot::pointCount(size_t index) const {
    if (index >= m_data.series.size())
        return 0;
    const auto& loss = m_data.series[index].loss;
    return int(std::count_if(loss.begin(), loss.end(), [](double v) { return !std::isnan(v); }));
}

void InterpolationPlot::rebuild() {
    m_plot->clearGraphs();
    m_title->setText(m_data.title);
    m_subtitle->setText(m_data.subtitle);
    QCPLayoutGrid* layout = m_plot->plotLayout();
    if (!m_data.subtitle.isEmpty() && m_subtitle->layout() != layout)
        layout->addElement(kSubtitleRow, 0, m_subtitle);
    else if (m_data.subtitle.isEmpty() && m_subtitle->layout() == layout)
        layout->take(m_subtitle);
    m_lossRect->axis(QCPAxis::atLeft)->setLabel(m_data.lossLabel);
    m_metricRect->axis(QCPAxis::atLeft)->setLabel(m_data.metricLabel);
    m_metricRect->axis(QCPAxis::atBottom)->setLabel(m_data.alphaLabel);
    const bool empty = m_data.series.empty();
    m_emptyLabel->setText(empty ? m_data.emptyText : QString());
    for (const CurveSeries& series : m_data.series) {
        addCurve(m_plot, m_lossRect, series, series.loss, series.lossLow, series.lossHigh);
        QCPGraph* metric = addCurve(m_plot, m_metricRect, series, series.metric, series.metricLow,
                                    series.metricHigh);
        metric->removeFromLegend(); // one legend entry per series
    }
    showLegend(m_plot, kLegendRow, !empty);
    for (QCPAxisRect* rect : {m_lossRect, m_metricRect}) {
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        bool found = false;
        QCPRange range;
        for (QCPGraph* graph : rect->graphs()) {
            bool ok = false;
            const QCPRange r = graph->getValueRange(ok);
            if (!ok)
                continue;
            range = found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper))
                          : r;
            found = true;
        }
        if (!found)
            range = QCPRange(0, 1);
        const double pad = std::max((range.upper - range.lower) * 0.06, 1e-3);
        y->setRange(range.lower - pad, range.upper + pad);
        rect->axis(QCPAxis::atBottom)->setRange(-0.02, 1.02);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void InterpolationPlot::renderTo(QCPPainter& painter, const QSize& size) {
    m_plot->toPainter(&painter, size.width(), size.height());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString InterpolationPlot::toCsv() const {
    const bool bands = std::any_of(m_data.series.begin(), m_data.series.end(),
                                   [](const CurveSeries& s) { return !s.lossLow.empty(); });
    std::string csv = "series,alpha,loss,metric";
    if (bands)
        csv += ",loss_low,loss_high,metric_low,metric_high";
    csv += "\n";
    for (const CurveSeries& s : m_data.series) {
        const std::string label = csvField(s.label.toStdString());
        for (size_t k = 0; k < s.alpha.size(); ++k) {
            auto at = [k](const std::vector<double>& v) {
                return k < v.size() ? csvNumber(v[k]) : std::string();
            };
            csv += label + "," + csvNumber(s.alpha[k]) + "," + at(s.loss) + "," + at(s.metric);
            if (bands)
                csv += "," + at(s.lossLow) + "," + at(s.lossHigh) + "," + at(s.metricLow) + "," +
                       at(s.metricHigh);
            csv += "\n";
        }
    }
    return QString::fromStdString(csv);
}

} // namespace bs::ui
