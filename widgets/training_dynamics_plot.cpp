#include "widgets/training_dynamics_plot.h"

#include "core/study/study_csv.h"

#include <qcustomplot.h>

#include <cmath>
#include <set>

namespace bs::ui {

TrainingDynamicsPlot::TrainingDynamicsPlot(QWidget* parent)
    : AnalysisPlot(parent) {
    setData({});
}

void TrainingDynamicsPlot::setData(DynamicsData data) {
    m_data = std::move(data);
    m_plot->clearPlottables();
    for (int k = m_plot->itemCount() - 1; k >= 1; --k) // item 0 is the message
        m_plot->removeItem(k);
    m_runs.clear();
    setTitle(m_data.title.isEmpty() ? tr("Training dynamics") : m_data.title);
    setAxisLabels(tr("training step"), m_data.yLabel);
    setMessage(m_data.runs.empty() ? (m_data.emptyText.isEmpty()
                                          ? tr("Tag models with a run and a step to see this")
                                          : m_data.emptyText)
                                   : QString());
    double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;
    std::set<int64_t> inLegend;
    std::vector<NamedPoint> points;
    for (const DynamicsRun& run : m_data.runs) {
        QCPGraph* graph = m_plot->addGraph();
        const QColor color = clusterColor(run.finalCluster);
        graph->setPen(QPen(color, 1.8));
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1), QBrush(color), 7));
        QVector<double> xs, ys;
        for (size_t k = 0; k < run.steps.size() && k < run.scores.size(); ++k) {
            if (!std::isfinite(run.scores[k]))
                continue;
            xs << run.steps[k];
            ys << run.scores[k];
            xl = std::min(xl, run.steps[k]), xh = std::max(xh, run.steps[k]);
            yl = std::min(yl, run.scores[k]), yh = std::max(yh, run.scores[k]);
            points.push_back(
                {run.steps[k], run.scores[k], tr("%1 at step %2").arg(run.name).arg(run.steps[k])});
        }
        graph->setData(xs, ys, true);
        graph->setName(run.finalCluster < 0 ? tr("unclustered")
                                            : tr("ends in cluster %1").arg(run.finalCluster));
        // One legend entry per final cluster; the run names are tooltips.
        if (!inLegend.insert(run.finalCluster).second)
            graph->removeFromLegend();
        m_runs.push_back(graph);
    }
    setNamedPoints(std::move(points));
    if (!m_data.runs.empty() && std::isfinite(xl)) {
        // Score 0 is equally far from both centroids: the cluster boundary.
        auto* boundary = new QCPItemStraightLine(m_plot);
        boundary->point1->setCoords(xl, 0);
        boundary->point2->setCoords(xh > xl ? xh : xl + 1, 0);
        boundary->setPen(QPen(QColor(0x80, 0x80, 0x80), 1, Qt::DashLine));
        const double xpad = xh > xl ? (xh - xl) * 0.05 : 1;
        m_plot->xAxis->setRange(xl - xpad, xh + xpad);
        yl = std::min(yl, 0.0), yh = std::max(yh, 0.0);
        const double ypad = yh > yl ? (yh - yl) * 0.1 : 0.1;
        m_plot->yAxis->setRange(yl - ypad, yh + ypad);
    } else {
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(-1, 1);
    }
    setLegendShown(!m_data.runs.empty());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TrainingDynamicsPlot::toCsv() const {
    std::string csv = "run,step,score,final_cluster\n";
    for (const DynamicsRun& run : m_data.runs)
        for (size_t k = 0; k < run.steps.size() && k < run.scores.size(); ++k)
            csv += csvField(run.name.toStdString()) + "," + csvNumber(run.steps[k]) + "," +
                   csvNumber(run.scores[k]) + "," + std::to_string(run.finalCluster) + "\n";
    return QString::fromStdString(csv);
}

} // namespace bs::ui
