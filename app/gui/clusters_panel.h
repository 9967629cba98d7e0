#pragma once
// ClustersPanel: spectral clustering of the models, what the clusters predict, the sharpness
// baseline and the training dynamics (the paper's Figures 3 to 7).

#include "app/gui/job_types.h"
#include "core/jobs/cluster_job.h"
#include "core/landscape/sharpness.h"
#include "widgets/exportable_view.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace bs::ui {

class ClusterHistogram;
class EmbeddingPlot;
class ModelSelection;
class StudyJobRunner;
class RegressionScatter;
class StudyDocument;
class TrainingDynamicsPlot;

class ClustersPanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    ClustersPanel(StudyDocument* document, StudyJobRunner* runner, const ModelSelection* selection,
                  QWidget* parent = nullptr);

    EmbeddingPlot* embeddingPlot() const { return m_embedding; }
    RegressionScatter* scoreScatter() const { return m_scoreScatter; }
    RegressionScatter* sharpnessScatter() const { return m_sharpnessScatter; }
    ClusterHistogram* histogram() const { return m_histogram; }
    TrainingDynamicsPlot* dynamicsPlot() const { return m_dynamics; }

    // The clustering the controls describe.
    ClusterRequest request() const;
    // Each recomputes the clustering at once and shows it (the models table follows); nothing
    // is written to the study file until storeClustering().
    void setMatrix(const QString& id); // cg, bh, auc, distance
    void setK(int k);
    void setDelta(double delta);
    void setMedianDelta(bool on);
    void setColumn(const QString& column); // e.g. "hans-lo.accuracy"
    QString column() const;
    // The clustering shown (computed from the open study), if any.
    const std::optional<ClusteringResult>& clustering() const { return m_clustering; }
    QString clusteringError() const { return m_error; }
    // Saves the clustering shown in the study file (a short job), as the "Store Clustering"
    // button does; it becomes the study's latest clustering.
    void storeClustering();

    // Epsilon-sharpness of `models` (names; empty: every model) as a background job.
    bool computeSharpness(const std::vector<std::string>& models, const SharpnessOptions& options);
    SharpnessOptions sharpnessOptions() const;

    QString exportName() const override { return QStringLiteral("clusters"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

signals:
    void statusMessage(const QString& text);

private:
    void rebuild();        // the study changed
    void refreshColumns(); // model columns came or went (sharpness, Hessian, evaluations)
    void fillColumnBox();
    void recluster();
    void refreshViews();

    StudyJobRunner* m_runner;
    const ModelSelection* m_selection;
    StudyDocument* m_document;
    QComboBox* m_matrixBox;
    QComboBox* m_datasetBox;
    QSpinBox* m_kBox;
    QDoubleSpinBox* m_deltaBox;
    QCheckBox* m_medianBox;
    QComboBox* m_columnBox;
    QDoubleSpinBox* m_epsilonBox;
    QSpinBox* m_stepsBox;
    QPushButton* m_sharpnessButton;
    QPushButton* m_storeButton;
    QLabel* m_status;
    EmbeddingPlot* m_embedding;
    RegressionScatter* m_scoreScatter;
    RegressionScatter* m_sharpnessScatter;
    ClusterHistogram* m_histogram;
    TrainingDynamicsPlot* m_dynamics;
    std::optional<ClusteringResult> m_clustering;
    QString m_error;
    QString m_shownPath; // the study file the controls were last set up for
    bool m_updating = false;
    bool m_storePending = false;
};

} // namespace bs::ui
