#include "widgets/analysis_plot.h"
#include "widgets/plot_fonts.h"
#include "widgets/plot_legend.h"
#include "widgets/plot_message.h"

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace bs::ui {

QColor clusterColor(int64_t cluster) {
    static const QRgb colors[] = {0x4e79a7, 0xe15759, 0x59a14f, 0xf28e2b, 0xb07aa1,
                                  0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f, 0xbab0ac};
    if (cluster < 0)
        return QColor(0x90, 0x90, 0x90);
    return QColor(colors[size_t(cluster) % (sizeof(colors) / sizeof(colors[0]))]);
}

AnalysisPlot::AnalysisPlot(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot);
    m_title = new QCPTextElement(m_plot, QString(), plotFont(10.5, true));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(plotFont(9));
        axis->setLabelFont(plotFont(9.5));
        axis->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 0, Qt::SolidLine));
        axis->setSubTicks(false);
    }
    // The legend goes below the axes, in columns, so it never covers a point.
    placeLegendBelow(m_plot, kLegendRow, 2, plotFont(8.5));
    m_plot->plotLayout()->setRowSpacing(2);
    m_message = new PlotMessage(m_plot->axisRect(), plotFont(10), QColor(0x50, 0x50, 0x50));
    connect(m_plot, &QCustomPlot::mouseMove, this, &AnalysisPlot::showTip);
    setMinimumSize(280, 220);
}

void AnalysisPlot::showTip(QMouseEvent* event) {
    const QPointF pos = event->position();
    const NamedPoint* best = nullptr;
    double bestDistance = 9.0; // pixels
    for (const NamedPoint& p : m_points) {
        const double d = std::hypot(m_plot->xAxis->coordToPixel(p.x) - pos.x(),
                                    m_plot->yAxis->coordToPixel(p.y) - pos.y());
        if (d < bestDistance) {
            bestDistance = d;
            best = &p;
        }
    }
    if (best)
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("%1\n%2, %3")
                               .arg(best->name, QString::number(best->x, 'g', 4),
                                    QString::number(best->y, 'g', 4)),
                           m_plot);
    else
        QToolTip::hideText();
}

AnalysisPlot::~AnalysisPlot() = default;

QFont AnalysisPlot::plotFont(double points, bool bold) const {
    return withPoints(font(), points, bold);
}

QString AnalysisPlot::title() const {
    return m_title->text();
}

QString AnalysisPlot::message() const {
    return m_message->text();
}

void AnalysisPlot::setTitle(const QString& title) {
    m_title->setText(title);
}

void AnalysisPlot::setMessage(const QString& text) {
    m_message->setText(text);
}

void AnalysisPlot::setLegendShown(bool shown) {
    showLegend(m_plot, kLegendRow, shown);
}

void AnalysisPlot::setAxisLabels(const QString& x, const QString& y) {
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
}

QStringList AnalysisPlot::legendTexts() const {
    QStringList texts;
    for (int k = 0; k < m_plot->legend->itemCount(); ++k)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(k)))
            texts << item->plottable()->name();
    return texts;
}

void AnalysisPlot::renderTo(QCPPainter& painter, const QSize& size) {
    m_plot->toPainter(&painter, size.width(), size.height());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace bs::ui
