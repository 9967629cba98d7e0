#include "app/gui/connectivity_panel.h"

#include "app/gui/bootstrap_runner.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"

#include <QActionGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

ConnectivityPanel::ConnectivityPanel(StudyDocument* document, Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_settings(settings)
    , m_heatmap(new ConnectivityHeatmap(this))
    , m_matrixBox(new QComboBox(this))
    , m_datasetBox(new QComboBox(this))
    , m_sortBox(new QComboBox(this))
    , m_sortDirection(new QToolButton(this))
    , m_intervalButton(new QToolButton(this))
    , m_bootstrapAction(new QAction(tr("Bootstrap Intervals…"), this))
    , m_intervalChoices(new QActionGroup(this)) {
    for (MatrixKind kind : StudyViews::matrixKinds())
        m_matrixBox->addItem(StudyViews::matrixTitle(kind), StudyViews::matrixId(kind));
    m_matrixBox->setToolTip(tr("Which pairwise quantity the map shows"));
    m_datasetBox->setToolTip(tr("The dataset whose loss curves define the matrix"));
    m_sortBox->setToolTip(tr("Order both axes by a column of the models table"));
    // Wide enough for every entry, e.g. "hans-lo (diagnostic)": no clipped names.
    for (QComboBox* box : {m_matrixBox, m_datasetBox, m_sortBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // One compact menu button: the choices beside the others would widen the panel's minimum
    // and squeeze the interpolation view in a 1280-pixel window.
    auto* intervalMenu = new QMenu(this);
    intervalMenu->setToolTipsVisible(true); // the action says why it is disabled
    intervalMenu->addAction(m_bootstrapAction);
    intervalMenu->addSection(tr("Show"));
    for (const auto& [display, text] :
         {std::pair{IntervalDisplay::Value, tr("Value")},
          std::pair{IntervalDisplay::Width, tr("Interval Width")},
          std::pair{IntervalDisplay::FadeContainingZero,
                    tr("Value, Faded Where the Interval Contains 0")}}) {
        QAction* action = intervalMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(display == IntervalDisplay::Value);
        action->setData(int(display));
        m_intervalChoices->addAction(action);
    }
    m_intervalChoices->setExclusive(true);
    m_intervalButton->setText(tr("Intervals"));
    m_intervalButton->setMenu(intervalMenu);
    m_intervalButton->setPopupMode(QToolButton::InstantPopup);
    m_intervalButton->setAutoRaise(true);
    m_intervalButton->setVisible(false);
    m_sortDirection->setCheckable(true);
    m_sortDirection->setToolTip(tr("Sort direction"));
    m_sortDirection->setAutoRaise(true);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(new QLabel(tr("<b>Connectivity</b>"), this));
    bar->addSpacing(8);
    bar->addWidget(m_matrixBox);
    bar->addWidget(new QLabel(tr("on"), this));
    bar->addWidget(m_datasetBox);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("sorted by"), this));
    bar->addWidget(m_sortBox);
    bar->addWidget(m_sortDirection);
    bar->addWidget(m_intervalButton);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_heatmap, 1);

    auto changed = [this] {
        if (m_updating)
            return;
        saveChoices();
        refreshData();
    };
    connect(m_matrixBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_datasetBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_intervalChoices, &QActionGroup::triggered, this, changed);
    connect(m_bootstrapAction, &QAction::triggered, this, &ConnectivityPanel::computeIntervals);
    connect(m_sortBox, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        saveChoices();
        refreshOrder();
    });
    connect(m_sortDirection, &QToolButton::toggled, this, [this](bool descending) {
        m_sortDirection->setText(descending ? QStringLiteral("↓") : QStringLiteral("↑"));
        if (m_updating)
            return;
        saveChoices();
        refreshOrder();
    });
    m_sortDirection->setText(QStringLiteral("↑"));
    connect(m_heatmap, &ConnectivityHeatmap::cellClicked, this, &ConnectivityPanel::pairClicked);
    // Right-click on a cell: ask what makes this barrier (computed in the analysis tabs).
    m_heatmap->plot()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_heatmap->plot(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) {
                QMenu* menu = pairMenu(m_heatmap->plot()->mapTo(m_heatmap, position));
                if (!menu)
                    return;
                menu->exec(m_heatmap->plot()->mapToGlobal(position));
                delete menu;
            });
    connect(m_heatmap, &ConnectivityHeatmap::cellHovered, this,
            [this](int64_t i, int64_t j, double value) {
                emit statusMessage(i < 0 ? QString() : hoverText(i, j, value));
            });
    connect(document, &StudyDocument::studyReset, this, &ConnectivityPanel::rebuild);
    connect(document, &StudyDocument::shownClusteringChanged, this, [this] {
        if (!m_updating)
            refreshOrder();
    });
    connect(document, &StudyDocument::pairChanged, this, &ConnectivityPanel::refreshData);
    connect(document, &StudyDocument::evaluationsChanged, this, &ConnectivityPanel::refreshOrder);
    connect(document, &StudyDocument::pairsChanged, this, &ConnectivityPanel::refreshData);
    // The sort keys include stored clusterings, sharpness and Hessian columns.
    for (auto signal : {&StudyDocument::clusteringsChanged, &StudyDocument::sharpnessChanged,
                        &StudyDocument::hessiansChanged})
        connect(document, signal, this, &ConnectivityPanel::refreshColumns);
    rebuild();
}

MatrixKind ConnectivityPanel::matrix() const {
    return StudyViews::matrixFromId(m_matrixBox->currentData().toString());
}

QString ConnectivityPanel::hoverText(int64_t i, int64_t j, double value) const {
    const auto& names = m_heatmap->data().names;
    QString text =
        tr("%1 → %2: %3 = %4")
            .arg(names[size_t(i)], names[size_t(j)], m_heatmap->data().valueName,
                 std::isnan(value) ? tr("not computed yet") : QString::number(value, 'g', 5));
    const BootstrapResult* result = m_bootstrap ? m_bootstrap->result() : nullptr;
    if (const IntervalMatrices* intervals = shownIntervals()) {
        const QString interval = HeatmapIntervals::text(*intervals, i, j);
        if (!interval.isEmpty())
            text += tr(", %1% interval %2")
                        .arg(QString::number(result->options.level * 100.0, 'g', 3), interval);
    }
    // How often each model stays in its cluster when the examples are resampled.
    if (result && !result->stability.keep.empty()) {
        const ClusteringResult& clustering = result->stability.clustering;
        QStringList kept;
        for (int64_t m : {i, j})
            for (size_t k = 0; k < clustering.models.size(); ++k)
                if (QString::fromStdString(clustering.models[k]) == names[size_t(m)])
                    kept << tr("%1 %2%")
                                .arg(names[size_t(m)])
                                .arg(std::lround(result->stability.keep[k] * 100.0));
        if (!kept.isEmpty())
            text += tr("; cluster kept in resamples: %1").arg(kept.join(QStringLiteral(", ")));
    }
    return text;
}

void ConnectivityPanel::setBootstrap(BootstrapRunner* runner) {
    m_bootstrap = runner;
    m_intervalButton->setVisible(true);
    connect(runner, &BootstrapRunner::availabilityChanged, this,
            &ConnectivityPanel::updateIntervalChoices);
    connect(runner, &BootstrapRunner::resultChanged, this, [this] {
        updateIntervalChoices();
        refreshData();
    });
    connect(runner, &BootstrapRunner::finished, this, [this](JobOutcome outcome) {
        updateIntervalChoices();
        const BootstrapResult* r = m_bootstrap->result();
        if (outcome == JobOutcome::Failed || !r) {
            emit statusMessage(outcome == JobOutcome::Failed
                                   ? tr("Bootstrap intervals failed (see the message).")
                                   : tr("Bootstrap intervals cancelled."));
            return;
        }
        QString text = tr("Intervals of %1 pairs on %2 from %3 resamples of %4 examples")
                           .arg(r->pairs)
                           .arg(QString::fromStdString(r->dataset))
                           .arg(r->options.resamples)
                           .arg(r->examples);
        if (r->pairsWithoutExamples > 0)
            text += tr("; %1 pairs have no per-example losses").arg(r->pairsWithoutExamples);
        if (outcome == JobOutcome::Cancelled)
            text += tr(" (cancelled: the pairs done)");
        emit statusMessage(text + QLatin1Char('.'));
    });
    updateIntervalChoices();
}

bool ConnectivityPanel::computeIntervals() {
    if (!m_bootstrap)
        return false;
    if (!m_bootstrap->start(dataset())) {
        if (m_bootstrap->available())
            emit statusMessage(StudyJobRunner::busyMessage());
        return false;
    }
    updateIntervalChoices();
    return true;
}

IntervalDisplay ConnectivityPanel::intervalDisplay() const {
    const QAction* checked = m_intervalChoices->checkedAction();
    return checked ? IntervalDisplay(checked->data().toInt()) : IntervalDisplay::Value;
}

void ConnectivityPanel::setIntervalDisplay(IntervalDisplay display) {
    for (QAction* action : m_intervalChoices->actions())
        if (IntervalDisplay(action->data().toInt()) == display && !action->isChecked()) {
            action->setChecked(true);
            saveChoices();
            refreshData();
        }
}

const IntervalMatrices* ConnectivityPanel::shownIntervals() const {
    const BootstrapResult* result = m_bootstrap ? m_bootstrap->result() : nullptr;
    if (!result || QString::fromStdString(result->dataset) != dataset())
        return nullptr;
    return HeatmapIntervals::of(*result, matrix());
}

void ConnectivityPanel::updateIntervalChoices() {
    if (!m_bootstrap)
        return;
    const bool available = m_bootstrap->available();
    m_bootstrapAction->setEnabled(available && !m_bootstrap->running());
    m_bootstrapAction->setToolTip(
        available ? tr("Resample the evaluation examples (from the per-example losses kept "
                       "beside the study) for intervals of every computed pair on the shown "
                       "dataset, and the cluster stability of the shown clustering; held in "
                       "memory, not in the study file")
                  : tr("Needs the per-example losses beside the study: run "
                       "'basinscope-cli curves STUDY --example-losses'"));
    const bool shown = shownIntervals() != nullptr;
    m_intervalChoices->setEnabled(shown);
    m_intervalButton->setToolTip(
        shown ? tr("Bootstrap intervals of the map, and what it shows of them")
              : tr("Bootstrap intervals of the map (%1)")
                    .arg(available ? tr("none yet for this dataset and matrix; the distance "
                                        "has none")
                                   : tr("needs the per-example losses beside the study: run "
                                        "'basinscope-cli curves STUDY --example-losses'")));
}

QString ConnectivityPanel::dataset() const {
    return m_datasetBox->currentData().toString();
}

QMenu* ConnectivityPanel::pairMenu(const QPoint& position) {
    const auto [i, j] = m_heatmap->pairAt(position);
    if (i < 0 || j < 0 || i == j)
        return nullptr;
    auto* menu = new QMenu(this);
    const auto& names = m_heatmap->data().names;
    menu->addSection(tr("%1 → %2").arg(names[size_t(i)], names[size_t(j)]));
    connect(menu->addAction(tr("Attribute Barrier…")), &QAction::triggered, this,
            [this, i, j] { emit attributeRequested(i, j); });
    connect(menu->addAction(tr("Find Flipped Examples…")), &QAction::triggered, this,
            [this, i, j] { emit flipsRequested(i, j); });
    connect(menu->addAction(tr("Train Curve…")), &QAction::triggered, this,
            [this, i, j] { emit curveRequested(i, j); });
    return menu;
}

QString ConnectivityPanel::exportName() const {
    const QString ds = matrix() == MatrixKind::Distance ? QString() : QLatin1Char('-') + dataset();
    const IntervalDisplay display = shownIntervals() ? intervalDisplay() : IntervalDisplay::Value;
    const QString shown = display == IntervalDisplay::Width ? QStringLiteral("-width")
                          : display == IntervalDisplay::FadeContainingZero
                              ? QStringLiteral("-faded")
                              : QString();
    return QStringLiteral("connectivity-") + StudyViews::matrixId(matrix()) + ds + shown;
}

void ConnectivityPanel::setSortColumn(const QString& id, bool ascending) {
    const int index = m_sortBox->findData(id);
    {
        const QSignalBlocker blockBox(m_sortBox), blockDirection(m_sortDirection);
        m_sortBox->setCurrentIndex(std::max(index, 0));
        m_sortDirection->setChecked(!ascending);
        m_sortDirection->setText(ascending ? QStringLiteral("↑") : QStringLiteral("↓"));
    }
    saveChoices();
    refreshOrder();
}

void ConnectivityPanel::setMatrix(MatrixKind kind) {
    m_matrixBox->setCurrentIndex(std::max(m_matrixBox->findData(StudyViews::matrixId(kind)), 0));
}

void ConnectivityPanel::setDataset(const QString& name) {
    m_datasetBox->setCurrentIndex(std::max(m_datasetBox->findData(name), 0));
}

void ConnectivityPanel::setSelectedPair(int64_t i, int64_t j) {
    m_heatmap->setSelectedPair(i, j);
}

void ConnectivityPanel::fillSortChoices() {
    const QString current = m_sortBox->currentData().toString();
    m_sortBox->clear();
    m_sortBox->addItem(tr("model order"), QStringLiteral("model-order"));
    for (const ModelColumn& column : StudyViews::modelTable(m_document->study()).columns)
        m_sortBox->addItem(column.title, column.id);
    m_sortBox->setCurrentIndex(std::max(m_sortBox->findData(current), 0));
}

void ConnectivityPanel::refreshColumns() {
    m_updating = true;
    fillSortChoices();
    m_updating = false;
    refreshOrder();
}

void ConnectivityPanel::rebuild() {
    const Study& study = m_document->study();
    m_updating = true;
    m_datasetBox->clear();
    if (const DatasetEntry* surface = study.surfaceDataset())
        m_datasetBox->addItem(tr("%1 (surface)").arg(QString::fromStdString(surface->name)),
                              QString::fromStdString(surface->name));
    for (const DatasetEntry& d : study.datasets)
        if (d.role == DatasetRole::Diagnostic)
            m_datasetBox->addItem(QString::fromStdString(d.name), QString::fromStdString(d.name));
    fillSortChoices();
    m_matrixBox->setCurrentIndex(std::max(m_matrixBox->findData(m_settings->heatmapMatrix()), 0));
    m_datasetBox->setCurrentIndex(
        std::max(m_datasetBox->findData(m_settings->heatmapDataset()), 0));
    QString sort = m_settings->heatmapSortColumn();
    if (m_sortBox->findData(sort) < 0 || sort.isEmpty())
        sort = StudyViews::defaultScoreColumn(study);
    m_sortBox->setCurrentIndex(std::max(m_sortBox->findData(sort), 0));
    m_sortDirection->setChecked(!m_settings->heatmapSortAscending());
    m_sortDirection->setText(m_sortDirection->isChecked() ? QStringLiteral("↓")
                                                          : QStringLiteral("↑"));
    m_updating = false;
    refreshData();
    refreshOrder();
}

void ConnectivityPanel::refreshData() {
    HeatmapData data = StudyViews::heatmap(m_document->study(), matrix(), dataset());
    if (const IntervalMatrices* intervals = shownIntervals())
        HeatmapIntervals::apply(data, *intervals, intervalDisplay(),
                                m_bootstrap->result()->options.level);
    m_heatmap->setData(std::move(data));
    updateIntervalChoices();
}

void ConnectivityPanel::refreshOrder() {
    const ModelTable table =
        StudyViews::modelTable(m_document->study(), m_document->shownClustering());
    const ModelColumn* column = table.column(m_sortBox->currentData().toString());
    std::vector<int64_t> order;
    if (column) {
        order = sortedModelOrder(*column, !m_sortDirection->isChecked());
    } else {
        for (size_t m = 0; m < table.rows(); ++m)
            order.push_back(int64_t(m));
    }
    // A study of final models and their training checkpoints compares checkpoints only
    // within a step (the training-dynamics view): the map shows the final models.
    const std::vector<int64_t> shown = connectivityModels(m_document->study());
    const bool someHidden = shown.size() < m_document->study().models.size();
    std::erase_if(order,
                  [&](int64_t m) { return !std::binary_search(shown.begin(), shown.end(), m); });
    m_heatmap->setOrder(order);
    const QString models = someHidden ? tr("final models") : tr("models");
    const QString axis =
        column ? tr("%1 by %2 %3")
                     .arg(models, column->title,
                          m_sortDirection->isChecked() ? tr("(descending)") : tr("(ascending)"))
               : models;
    m_heatmap->setAxisLabels(tr("second model (α = 1): %1").arg(axis),
                             tr("first model (α = 0): %1").arg(axis));
}

void ConnectivityPanel::saveChoices() {
    m_settings->setHeatmapMatrix(m_matrixBox->currentData().toString());
    m_settings->setHeatmapDataset(m_datasetBox->currentData().toString());
    m_settings->setHeatmapSortColumn(m_sortBox->currentData().toString());
    m_settings->setHeatmapSortAscending(!m_sortDirection->isChecked());
}

void ConnectivityPanel::renderTo(QCPPainter& painter, const QSize& size) {
    m_heatmap->renderTo(painter, size);
}

} // namespace bs::ui
