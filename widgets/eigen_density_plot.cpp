#include "widgets/eigen_density_plot.h"

#include "core/study/study_csv.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

constexpr double kFloor = 1e-8; // of the peak: the lowest value the log axis shows

} // namespace

EigenDensityPlot::EigenDensityPlot(QWidget* parent)
    : AnalysisPlot(parent) {
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
    m_plot->yAxis->setNumberPrecision(0);
    setData({});
}

void EigenDensityPlot::setData(EigenDensityData data) {
    m_data = std::move(data);
    m_plot->clearPlottables();
    m_density = nullptr;
    setTitle(m_data.title.isEmpty() ? tr("Hessian eigenvalue density") : m_data.title);
    setAxisLabels(tr("eigenvalue"), tr("density (log scale)"));
    const size_t n = std::min(m_data.grid.size(), m_data.density.size());
    double peak = 0;
    for (size_t k = 0; k < n; ++k)
        if (std::isfinite(m_data.density[k]))
            peak = std::max(peak, m_data.density[k]);
    setMessage(n == 0 || peak <= 0
                   ? (m_data.emptyText.isEmpty() ? tr("No density computed") : m_data.emptyText)
                   : QString());
    if (n == 0 || peak <= 0) {
        setLegendShown(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const double floor = peak * kFloor;
    QVector<double> xs, ys;
    for (size_t k = 0; k < n; ++k) {
        xs << m_data.grid[k];
        ys << std::max(std::isfinite(m_data.density[k]) ? m_data.density[k] : 0.0, floor);
    }
    m_density = m_plot->addGraph();
    m_density->setData(xs, ys, true);
    m_density->setPen(QPen(QColor(0x4e, 0x79, 0xa7), 1.8));
    m_density->setBrush(QColor(0x4e, 0x79, 0xa7, 40));
    m_density->setName(m_data.densityLabel.isEmpty() ? tr("density") : m_data.densityLabel);
    double xl = xs.front(), xh = xs.back();
    if (!m_data.eigenvalues.empty()) {
        QVector<double> ex, ey;
        for (double v : m_data.eigenvalues)
            if (std::isfinite(v)) {
                ex << v;
                ey << floor;
                xl = std::min(xl, v), xh = std::max(xh, v);
            }
        QCPGraph* top = m_plot->addGraph();
        top->setData(ex, ey);
        top->setLineStyle(QCPGraph::lsNone);
        top->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(0xe1, 0x57, 0x59),
                                             QColor(0xe1, 0x57, 0x59), 9));
        top->setName(tr("top eigenvalues (Lanczos)"));
    }
    const double pad = std::max((xh - xl) * 0.04, 1e-9);
    m_plot->xAxis->setRange(xl - pad, xh + pad);
    m_plot->yAxis->setRange(floor * 0.5, peak * 2.0);
    setLegendShown(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString EigenDensityPlot::toCsv() const {
    std::string csv = "eigenvalue,density\n";
    for (size_t k = 0; k < m_data.grid.size() && k < m_data.density.size(); ++k)
        csv += csvNumber(m_data.grid[k]) + "," + csvNumber(m_data.density[k]) + "\n";
    csv += "top_eigenvalue\n";
    for (double v : m_data.eigenvalues)
        csv += csvNumber(v) + "\n";
    return QString::fromStdString(csv);
}

} // namespace bs::ui
