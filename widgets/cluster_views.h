#pragma once
// The clustering views: spectral embedding, a column against a score with its regression, and
// per-cluster histograms of a column.

#include "core/analysis/statistics.h"
#include "widgets/analysis_plot.h"

#include <optional>
#include <vector>

class QCPBars;
class QCPBarsGroup;
class QCPGraph;

namespace bs::ui {

// Models in the spectral embedding, coloured by cluster.
struct EmbeddingData {
    QString title, xLabel, yLabel, emptyText;
    std::vector<QString> names;
    std::vector<double> x, y;    // two embedding columns
    std::vector<int64_t> labels; // cluster per model
    int64_t clusters = 0;
};

class EmbeddingPlot : public AnalysisPlot {
    Q_OBJECT
public:
    explicit EmbeddingPlot(QWidget* parent = nullptr);
    void setData(EmbeddingData data);
    const EmbeddingData& data() const { return m_data; }
    // One graph per cluster (points), in cluster order; then the centroid markers.
    const std::vector<QCPGraph*>& clusterGraphs() const { return m_clusters; }

    QString exportName() const override { return QStringLiteral("embedding"); }
    QString toCsv() const override;

private:
    EmbeddingData m_data;
    std::vector<QCPGraph*> m_clusters;
};

// y against x for each model, coloured by cluster, with the least-squares line and Pearson r
// and p in the legend.
struct ScatterData {
    QString title, xLabel, yLabel, emptyText;
    std::vector<QString> names;
    std::vector<double> x, y;      // NaN pairs are not drawn
    std::vector<int64_t> clusters; // per model; -1 unknown
    std::optional<Regression> regression;
};

class RegressionScatter : public AnalysisPlot {
    Q_OBJECT
public:
    explicit RegressionScatter(const QString& exportName, QWidget* parent = nullptr);
    void setData(ScatterData data);
    const ScatterData& data() const { return m_data; }
    QCPGraph* fitLine() const { return m_fit; }
    // The legend text of the fit, e.g. "least squares: r = 0.81, p = 0.004 (n = 12)".
    QString fitText() const;

    QString exportName() const override { return m_exportName; }
    QString toCsv() const override;

private:
    QString m_exportName;
    ScatterData m_data;
    QCPGraph* m_fit = nullptr;
};

// Histograms of a model column, one bar series per cluster over shared bins.
struct HistogramData {
    QString title, xLabel, emptyText;
    std::vector<double> values;    // per model (NaN skipped)
    std::vector<int64_t> clusters; // per model
    int64_t clusterCount = 0;
    int bins = 10;
};

class ClusterHistogram : public AnalysisPlot {
    Q_OBJECT
public:
    explicit ClusterHistogram(QWidget* parent = nullptr);
    void setData(HistogramData data);
    const HistogramData& data() const { return m_data; }
    const std::vector<QCPBars*>& bars() const { return m_bars; }
    // Models counted for each cluster.
    std::vector<int> counts() const;

    QString exportName() const override { return QStringLiteral("cluster-histograms"); }
    QString toCsv() const override;

private:
    HistogramData m_data;
    std::vector<QCPBars*> m_bars;
    std::vector<double> m_edges;
    QCPBarsGroup* m_group = nullptr;
};

} // namespace bs::ui
