#include "app/gui/clusters_panel.h"
#include "app/gui/cluster_view_data.h"

#include "app/gui/compute_worker.h"
#include "app/gui/model_selection.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "app/gui/training_dynamics.h"
#include "core/common/error.h"
#include "core/common/matrix_kind.h"
#include "core/jobs/latest_clustering.h"
#include "core/jobs/sharpness_job.h"
#include "core/jobs/study_session.h"
#include "widgets/cluster_views.h"
#include "widgets/training_dynamics_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

ClustersPanel::ClustersPanel(StudyDocument* document, StudyJobRunner* runner,
                             const ModelSelection* selection, QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_selection(selection)
    , m_document(document) {
    setObjectName(QStringLiteral("ClustersPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Matrix"), this));
    m_matrixBox = new QComboBox(this);
    for (MatrixKind kind : allMatrixKinds())
        m_matrixBox->addItem(qs(matrixDisplayName(kind)), qs(matrixId(kind)));
    row->addWidget(m_matrixBox);
    row->addWidget(new QLabel(tr("Dataset"), this));
    m_datasetBox = new QComboBox(this);
    row->addWidget(m_datasetBox);
    row->addWidget(new QLabel(tr("Clusters k"), this));
    m_kBox = new QSpinBox(this);
    m_kBox->setRange(2, 20);
    m_kBox->setValue(2);
    row->addWidget(m_kBox);
    row->addWidget(new QLabel(tr("δ"), this));
    m_deltaBox = new QDoubleSpinBox(this);
    m_deltaBox->setDecimals(6);
    m_deltaBox->setRange(0.000001, 1000.0);
    m_deltaBox->setValue(1.0);
    m_deltaBox->setToolTip(tr("Similarity exp(−d² / (2 δ²)) between models at distance d"));
    row->addWidget(m_deltaBox);
    m_medianBox = new QCheckBox(tr("Median δ"), this);
    m_medianBox->setToolTip(tr("Use the median off-diagonal value as δ (CG values are often "
                               "much smaller than 1)"));
    row->addWidget(m_medianBox);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Column"), this));
    m_columnBox = new QComboBox(this);
    m_columnBox->setToolTip(tr("The model column to compare with the clusters, e.g. an "
                               "out-of-distribution accuracy"));
    row->addWidget(m_columnBox, 1);
    m_storeButton = new QPushButton(tr("Store Clustering"), this);
    m_storeButton->setToolTip(tr("Save the clustering shown here in the study file, so that it "
                                 "opens with the study and the CLI's export includes it"));
    row->addWidget(m_storeButton);
    layout->addLayout(row);

    auto* sharp = new QHBoxLayout;
    sharp->addWidget(new QLabel(tr("Sharpness: ε"), this));
    const SharpnessOptions defaults;
    m_epsilonBox = new QDoubleSpinBox(this);
    m_epsilonBox->setDecimals(7);
    m_epsilonBox->setRange(1e-7, 1.0);
    m_epsilonBox->setSingleStep(1e-5);
    m_epsilonBox->setValue(defaults.epsilon);
    m_epsilonBox->setToolTip(tr("Box |Δx| ≤ ε (|x| + 1) around the parameters"));
    sharp->addWidget(m_epsilonBox);
    sharp->addWidget(new QLabel(tr("steps"), this));
    m_stepsBox = new QSpinBox(this);
    m_stepsBox->setRange(1, 1000000);
    m_stepsBox->setValue(int(defaults.steps));
    m_stepsBox->setToolTip(tr("Projected gradient-ascent updates (the paper uses 8192)"));
    sharp->addWidget(m_stepsBox);
    m_sharpnessButton = new QPushButton(tr("Compute Sharpness"), this);
    m_sharpnessButton->setToolTip(tr("Epsilon-sharpness of the models selected in the table "
                                     "(all models when none is selected), in the background"));
    sharp->addWidget(m_sharpnessButton);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    sharp->addWidget(m_status, 1);
    layout->addLayout(sharp);

    auto* grid = new QGridLayout;
    m_embedding = new EmbeddingPlot(this);
    m_scoreScatter = new RegressionScatter(QStringLiteral("centroid-scatter"), this);
    m_sharpnessScatter = new RegressionScatter(QStringLiteral("sharpness-scatter"), this);
    m_histogram = new ClusterHistogram(this);
    m_dynamics = new TrainingDynamicsPlot(this);
    grid->addWidget(m_embedding, 0, 0);
    grid->addWidget(m_scoreScatter, 0, 1);
    grid->addWidget(m_sharpnessScatter, 0, 2);
    grid->addWidget(m_histogram, 1, 0);
    grid->addWidget(m_dynamics, 1, 1, 1, 2);
    layout->addLayout(grid, 1);

    auto changed = [this] {
        if (!m_updating)
            recluster();
    };
    connect(m_matrixBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_datasetBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_kBox, &QSpinBox::valueChanged, this, changed);
    connect(m_deltaBox, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_medianBox, &QCheckBox::toggled, this, changed);
    connect(m_columnBox, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            refreshViews();
    });
    connect(m_storeButton, &QPushButton::clicked, this, &ClustersPanel::storeClustering);
    connect(m_sharpnessButton, &QPushButton::clicked, this, [this] {
        std::vector<std::string> names;
        for (int64_t m : m_selection->selectedModels())
            names.push_back(m_document->study().models[size_t(m)].name);
        computeSharpness(names, sharpnessOptions());
    });
    connect(m_document, &StudyDocument::studyReset, this, &ClustersPanel::rebuild);
    // New model columns (sharpness, Hessian, evaluations) change the scatter's choices, not the
    // clustering: no recluster.
    for (auto signal : {&StudyDocument::sharpnessChanged, &StudyDocument::hessiansChanged})
        connect(m_document, signal, this, &ClustersPanel::refreshColumns);
    connect(m_document, &StudyDocument::evaluationsChanged, this, &ClustersPanel::refreshColumns);
    // A curves job changes the matrices the clustering is computed from.
    connect(m_document, &StudyDocument::pairsChanged, this, &ClustersPanel::recluster);
    // A clustering stored while another job ran is stored once the runner is free.
    connect(m_runner, &StudyJobRunner::busyChanged, this, [this](bool busy) {
        if (m_storePending && !busy)
            QTimer::singleShot(0, this, [this] {
                if (m_storePending && !m_runner->busy())
                    storeClustering();
            });
    });
    rebuild();
}

void ClustersPanel::rebuild() {
    const Study& study = m_document->study();
    m_updating = true;
    const QString dataset = m_datasetBox->currentText();
    m_datasetBox->clear();
    for (const DatasetEntry& d : study.datasets)
        m_datasetBox->addItem(qs(d.name));
    if (m_datasetBox->findText(dataset) >= 0)
        m_datasetBox->setCurrentText(dataset);
    else if (const DatasetEntry* surface = study.surfaceDataset())
        m_datasetBox->setCurrentText(qs(surface->name));
    // A study opened afresh shows its first stored clustering as it was computed (matrix,
    // dataset, k and the δ it used), so the tab agrees with the models table at once.
    const bool fresh = m_document->path() != m_shownPath;
    m_shownPath = m_document->path();
    if (fresh && !study.clusterings.empty()) {
        const ClusteringResult& stored = study.clusterings.front();
        setMatrix(qs(stored.matrix));
        if (!stored.dataset.empty())
            m_datasetBox->setCurrentText(qs(stored.dataset));
        m_kBox->setValue(int(stored.k));
        m_medianBox->setChecked(false);
        m_deltaBox->setValue(stored.delta);
    }

    fillColumnBox();
    m_updating = false;
    m_sharpnessButton->setEnabled(m_document->isOpen());
    recluster();
}

void ClustersPanel::refreshColumns() {
    m_updating = true;
    fillColumnBox();
    m_updating = false;
    refreshViews();
}

void ClustersPanel::fillColumnBox() {
    const Study& study = m_document->study();
    const QString column = m_columnBox->currentData().toString();
    m_columnBox->clear();
    for (const std::string& c : modelColumns(study)) {
        const std::vector<double> values = modelColumn(study, c);
        if (std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
            m_columnBox->addItem(qs(c), qs(c));
    }
    int index = m_columnBox->findData(column);
    if (index < 0)
        for (const DatasetEntry& d : study.datasets)
            if (d.role == DatasetRole::Diagnostic) {
                index = m_columnBox->findData(qs(d.name + "." + d.primaryMetric));
                if (index >= 0)
                    break;
            }
    m_columnBox->setCurrentIndex(std::max(index, 0));
}

ClusterRequest ClustersPanel::request() const {
    ClusterRequest request;
    request.matrix = m_matrixBox->currentData().toString().toStdString();
    request.dataset = m_datasetBox->currentText().toStdString();
    request.k = m_kBox->value();
    request.delta = m_deltaBox->value();
    request.medianDelta = m_medianBox->isChecked();
    return request;
}

void ClustersPanel::setMatrix(const QString& id) {
    const int index = m_matrixBox->findData(id);
    if (index >= 0)
        m_matrixBox->setCurrentIndex(index);
}

void ClustersPanel::setK(int k) {
    m_kBox->setValue(k);
}

void ClustersPanel::setDelta(double delta) {
    m_deltaBox->setValue(delta);
}

void ClustersPanel::setMedianDelta(bool on) {
    m_medianBox->setChecked(on);
}

void ClustersPanel::setColumn(const QString& column) {
    const int index = m_columnBox->findData(column);
    if (index >= 0)
        m_columnBox->setCurrentIndex(index);
}

QString ClustersPanel::column() const {
    return m_columnBox->currentData().toString();
}

void ClustersPanel::recluster() {
    m_clustering.reset();
    m_error.clear();
    const Study& study = m_document->study();
    if (m_document->isOpen() && !study.models.empty()) {
        try {
            m_clustering = clusterModels(study, request());
        } catch (const std::exception& e) {
            m_error = QString::fromStdString(e.what());
        }
    }
    refreshViews();
    m_storeButton->setEnabled(m_clustering.has_value());
    // Trying k or δ is view state: the file is written only when the user stores.
    m_document->showClustering(m_clustering);
}

void ClustersPanel::storeClustering() {
    if (!m_clustering)
        return;
    const ClusterRequest request = this->request();
    // The latest clustering is the one the models table and the heatmap sort key show, so a
    // stored one with the same id moves to the end.
    StudyJobHandle* job = m_runner->run(
        JobKind::Cluster, tr("Storing the clustering"), [request](StudyJobContext& context) {
            storeLatestClustering(context.study, request, context.hooks);
        });
    m_storePending = job == nullptr;
}

void ClustersPanel::refreshViews() {
    const Study& study = m_document->study();
    const QString why = m_error.isEmpty() ? tr("Open a study with computed curves") : m_error;
    ClusterViewData views =
        clusterViewData(study, m_clustering ? &*m_clustering : nullptr, column(), why);
    m_embedding->setData(std::move(views.embedding));
    m_scoreScatter->setData(std::move(views.score));
    m_sharpnessScatter->setData(std::move(views.sharpness));
    m_histogram->setData(std::move(views.histogram));
    m_dynamics->setData(m_document->isOpen() ? TrainingDynamics::compute(study, request())
                                             : DynamicsData{});
    if (m_clustering)
        m_status->setText(tr("%1: %2 models in %3 clusters.")
                              .arg(qs(m_clustering->id))
                              .arg(m_clustering->models.size())
                              .arg(m_clustering->k));
    else if (!m_error.isEmpty())
        m_status->setText(m_error);
}

SharpnessOptions ClustersPanel::sharpnessOptions() const {
    SharpnessOptions options;
    options.epsilon = m_epsilonBox->value();
    options.steps = m_stepsBox->value();
    options.evaluateEvery = std::min<int64_t>(options.evaluateEvery, options.steps);
    return options;
}

bool ClustersPanel::computeSharpness(const std::vector<std::string>& models,
                                     const SharpnessOptions& options) {
    std::string dataset = m_datasetBox->currentText().toStdString();
    StudyJobHandle* job =
        m_runner->run(JobKind::Sharpness, tr("Computing sharpness"),
                      [models, options, dataset](StudyJobContext& context) {
                          StudySession session(context.study, context.options);
                          computeSharpnessOfModels(context.study, session, models, dataset, options,
                                                   context.hooks);
                      });
    if (!job) {
        m_status->setText(StudyJobRunner::busyMessage());
        return false;
    }
    connect(job, &StudyJobHandle::finished, this, [this](JobOutcome outcome) {
        m_status->setText(outcome == JobOutcome::Completed   ? tr("Sharpness computed and stored.")
                          : outcome == JobOutcome::Cancelled ? tr("Sharpness cancelled; finished "
                                                                  "models are stored.")
                                                             : tr("Sharpness failed (see the "
                                                                  "message)."));
    });
    m_status->setText(tr("Computing sharpness…"));
    return true;
}

void ClustersPanel::renderTo(QCPPainter& painter, const QSize& size) {
    // The on-screen grid: three plots above, the histograms and the dynamics below.
    const int w = size.width() / 3, h = size.height() / 2;
    struct Cell {
        ExportableView* view;
        QRect rect;
    };
    const Cell cells[] = {{m_embedding, QRect(0, 0, w, h)},
                          {m_scoreScatter, QRect(w, 0, w, h)},
                          {m_sharpnessScatter, QRect(2 * w, 0, size.width() - 2 * w, h)},
                          {m_histogram, QRect(0, h, w, size.height() - h)},
                          {m_dynamics, QRect(w, h, size.width() - w, size.height() - h)}};
    for (const Cell& cell : cells) {
        painter.save();
        painter.translate(cell.rect.topLeft());
        cell.view->renderTo(painter, cell.rect.size());
        painter.restore();
    }
}

QString ClustersPanel::toCsv() const {
    return m_scoreScatter->toCsv();
}

} // namespace bs::ui
