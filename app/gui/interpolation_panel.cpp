#include "app/gui/interpolation_panel.h"

#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "app/gui/study_views.h"
#include "app/gui/trained_curve_series.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace bs::ui {

InterpolationPanel::InterpolationPanel(StudyDocument* document, Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_settings(settings)
    , m_plot(new InterpolationPlot(this))
    , m_modeBox(new QComboBox(this))
    , m_byLabel(new QLabel(tr("by"), this))
    , m_columnBox(new QComboBox(this))
    , m_kLabel(new QLabel(tr("k ="), this))
    , m_kBox(new QSpinBox(this))
    , m_datasetButton(new QPushButton(this))
    , m_trainButton(new QToolButton(this)) {
    m_modeBox->addItem(tr("Selected pairs"), QStringLiteral("pairs"));
    m_modeBox->addItem(tr("Top-k vs bottom-k"), QStringLiteral("groups"));
    m_modeBox->setToolTip(tr("Selected pairs: the curves of the pairs picked in the map or the "
                             "table.\nTop-k vs bottom-k: mean curves of the pairs within the k "
                             "best models, within the k worst, and across (paper, Figure 1)."));
    m_columnBox->setToolTip(tr("The model column that ranks the models"));
    m_columnBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kBox->setRange(1, 500);
    m_kBox->setToolTip(tr("Models per group"));
    m_datasetButton->setText(tr("Datasets"));
    // A push button leaves room for its menu arrow (a tool button draws it over the text).
    m_datasetButton->setMenu(new QMenu(m_datasetButton));
    m_datasetButton->setToolTip(tr("Datasets whose curves are drawn"));
    // A flat tool button: the bar must still fit beside the map in a 1280-pixel window.
    m_trainButton->setText(tr("Curve…"));
    m_trainButton->setAutoRaise(true);
    m_trainButton->setToolTip(tr(
        "Train Curve…: a quadratic Bezier curve or a polychain between the two models (endpoints "
        "fixed) and draw it beside the straight line, with both barriers"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(new QLabel(tr("<b>Interpolation</b>"), this));
    bar->addSpacing(8);
    bar->addWidget(m_modeBox);
    bar->addWidget(m_byLabel);
    bar->addWidget(m_columnBox);
    bar->addWidget(m_kLabel);
    bar->addWidget(m_kBox);
    bar->addWidget(m_datasetButton);
    bar->addStretch(1);
    bar->addWidget(m_trainButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);

    auto changed = [this] {
        if (m_updating)
            return;
        saveChoices();
        refresh();
    };
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_columnBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_kBox, &QSpinBox::valueChanged, this, changed);
    connect(m_trainButton, &QToolButton::clicked, this, [this] {
        if (mode() == Mode::Pairs && m_pairs.size() == 1)
            emit trainCurveRequested(m_pairs.front().first, m_pairs.front().second);
    });
    connect(document, &StudyDocument::studyReset, this, &InterpolationPanel::rebuild);
    connect(document, &StudyDocument::pairChanged, this, &InterpolationPanel::onPairChanged);
    connect(document, &StudyDocument::pairsChanged, this, &InterpolationPanel::refresh);
    connect(document, &StudyDocument::evaluationsChanged, this, [this] {
        if (mode() == Mode::Groups)
            refresh();
    });
    rebuild();
}

InterpolationPanel::Mode InterpolationPanel::mode() const {
    return m_modeBox->currentData().toString() == QLatin1String("groups") ? Mode::Groups
                                                                          : Mode::Pairs;
}

void InterpolationPanel::setMode(Mode mode) {
    m_modeBox->setCurrentIndex(mode == Mode::Groups ? 1 : 0);
}

void InterpolationPanel::setGroupColumn(const QString& id) {
    const int index = m_columnBox->findData(id);
    if (index >= 0)
        m_columnBox->setCurrentIndex(index);
}

void InterpolationPanel::setGroupSize(int k) {
    m_kBox->setValue(k);
}

QString InterpolationPanel::exportName() const {
    return mode() == Mode::Groups ? QStringLiteral("interpolation-groups")
                                  : QStringLiteral("interpolation");
}

void InterpolationPanel::showPairs(const std::vector<ModelPair>& pairs) {
    m_pairs = pairs;
    m_pairNames.clear();
    for (const auto& [i, j] : pairs) {
        m_pairNames.push_back(m_document->study().models[size_t(i)].name);
        m_pairNames.push_back(m_document->study().models[size_t(j)].name);
    }
    if (mode() != Mode::Pairs) {
        const QSignalBlocker block(m_modeBox);
        setMode(Mode::Pairs);
        saveChoices();
    }
    refresh();
}

void InterpolationPanel::rebuild() {
    const Study& study = m_document->study();
    m_updating = true;
    // Pairs survive a replaced study when their models are still there (by name).
    std::vector<ModelPair> kept;
    for (size_t k = 0; k + 1 < m_pairNames.size(); k += 2) {
        const int64_t i = study.modelIndex(m_pairNames[k]);
        const int64_t j = study.modelIndex(m_pairNames[k + 1]);
        if (i >= 0 && j >= 0)
            kept.emplace_back(i, j);
    }
    m_pairs = kept;
    m_columnBox->clear();
    for (const ModelColumn& column : StudyViews::modelTable(study).columns)
        if (column.numeric())
            m_columnBox->addItem(column.title, column.id);
    m_modeBox->setCurrentIndex(m_settings->curveMode() == QLatin1String("groups") ? 1 : 0);
    QString column = m_settings->groupColumn();
    if (m_columnBox->findData(column) < 0)
        column = StudyViews::defaultScoreColumn(study);
    m_columnBox->setCurrentIndex(std::max(m_columnBox->findData(column), 0));
    m_kBox->setValue(m_settings->groupSize());
    rebuildDatasetMenu();
    m_updating = false;
    refresh();
}

void InterpolationPanel::rebuildDatasetMenu() {
    QMenu* menu = m_datasetButton->menu();
    menu->clear();
    const QStringList hidden = m_settings->hiddenCurveDatasets();
    for (const DatasetEntry& d : m_document->study().datasets) {
        const QString name = QString::fromStdString(d.name);
        QAction* action =
            menu->addAction(d.role == DatasetRole::Surface ? tr("%1 (surface)").arg(name) : name);
        action->setCheckable(true);
        action->setChecked(!hidden.contains(name));
        connect(action, &QAction::toggled, this, [this, name](bool on) {
            QStringList list = m_settings->hiddenCurveDatasets();
            list.removeAll(name);
            if (!on)
                list << name;
            m_settings->setHiddenCurveDatasets(list);
            refresh();
        });
    }
}

void InterpolationPanel::refresh() {
    const bool groups = mode() == Mode::Groups;
    m_byLabel->setVisible(groups);
    m_columnBox->setVisible(groups);
    m_kLabel->setVisible(groups);
    m_kBox->setVisible(groups);
    const Study& study = m_document->study();
    const QStringList hidden = m_settings->hiddenCurveDatasets();
    // Pair mode only: the group choices take the room in group mode.
    m_trainButton->setVisible(!groups);
    m_trainButton->setEnabled(m_pairs.size() == 1);
    m_shownCurves.clear();
    if (!groups) {
        InterpolationData data = StudyViews::pairCurves(study, m_pairs, hidden);
        if (m_pairs.size() == 1)
            m_shownCurves = addTrainedCurves(data, study, m_pairs.front(), m_trainedCurves, hidden);
        m_plot->setData(std::move(data));
        setAlphaMarks(m_plot->plot(), flipMarks());
        return;
    }
    setAlphaMarks(m_plot->plot(), {});
    const ModelTable table = StudyViews::modelTable(study);
    const ModelColumn* column = table.column(m_columnBox->currentData().toString());
    ModelColumn none;
    none.kind = ModelColumn::Kind::Text;
    m_plot->setData(
        StudyViews::groupCurves(study, column ? *column : none, m_kBox->value(), hidden));
}

void InterpolationPanel::setTrainedCurves(std::vector<TrainedCurveView> curves) {
    m_trainedCurves = std::move(curves);
    refresh();
}

void InterpolationPanel::setFlipMarks(const QString& first, const QString& second,
                                      const std::vector<double>& firstFlips) {
    m_flipFirst = first;
    m_flipSecond = second;
    m_flipAlphas = firstFlips;
    refresh();
}

std::vector<AlphaMark> InterpolationPanel::flipMarks() const {
    const Study& study = m_document->study();
    if (m_pairs.size() != 1 || m_flipAlphas.empty())
        return {};
    const auto [a, b] = m_pairs.front();
    if (a < 0 || b < 0 || size_t(std::max(a, b)) >= study.models.size())
        return {};
    const QString from = QString::fromStdString(study.models[size_t(a)].name);
    const QString to = QString::fromStdString(study.models[size_t(b)].name);
    const bool reversed = from == m_flipSecond && to == m_flipFirst;
    if (!reversed && !(from == m_flipFirst && to == m_flipSecond))
        return {};
    // Examples flip at the computed points only: one mark per point, with its count.
    std::map<double, int> counts;
    for (double alpha : m_flipAlphas)
        ++counts[reversed ? 1.0 - alpha : alpha];
    std::vector<AlphaMark> marks;
    for (const auto& [alpha, count] : counts)
        marks.push_back({alpha, count == 1 ? tr("1 flip") : tr("%1 flips").arg(count)});
    return marks;
}

void InterpolationPanel::onPairChanged(int64_t i, int64_t j) {
    if (mode() == Mode::Groups) {
        refresh();
        return;
    }
    for (const auto& [a, b] : m_pairs)
        if ((a == i && b == j) || (a == j && b == i)) {
            refresh();
            return;
        }
}

void InterpolationPanel::saveChoices() {
    m_settings->setCurveMode(m_modeBox->currentData().toString());
    m_settings->setGroupColumn(m_columnBox->currentData().toString());
    m_settings->setGroupSize(m_kBox->value());
}

void InterpolationPanel::renderTo(QCPPainter& painter, const QSize& size) {
    m_plot->renderTo(painter, size);
}

} // namespace bs::ui
