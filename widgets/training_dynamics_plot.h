#pragma once
// TrainingDynamicsPlot: how each training run moves relative to the clusters across steps.

#include "widgets/analysis_plot.h"

#include <vector>

class QCPGraph;

namespace bs::ui {

// One run: its checkpoints' centroid score at each step (clustered per step), coloured by the
// cluster its last checkpoint falls in (the paper's Figure 7).
struct DynamicsRun {
    QString name;
    std::vector<double> steps;
    std::vector<double> scores;
    int64_t finalCluster = -1;
};

struct DynamicsData {
    QString title, yLabel, emptyText;
    std::vector<DynamicsRun> runs;
};

class TrainingDynamicsPlot : public AnalysisPlot {
    Q_OBJECT
public:
    explicit TrainingDynamicsPlot(QWidget* parent = nullptr);
    void setData(DynamicsData data);
    const DynamicsData& data() const { return m_data; }
    // One graph per run, in data().runs order.
    const std::vector<QCPGraph*>& runGraphs() const { return m_runs; }

    QString exportName() const override { return QStringLiteral("training-dynamics"); }
    QString toCsv() const override;

private:
    DynamicsData m_data;
    std::vector<QCPGraph*> m_runs;
};

} // namespace bs::ui
