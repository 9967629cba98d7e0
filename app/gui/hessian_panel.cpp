#include "app/gui/hessian_panel.h"

#include "app/gui/column_scatter.h"
#include "app/gui/models_panel.h"
#include "app/gui/study_document.h"
#include "app/gui/study_views.h"
#include "widgets/cluster_views.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace bs::ui {

namespace {

bool isHessianColumn(const QString& id) {
    return id.startsWith(QLatin1String("hessian:"));
}

// Fills `box` with the columns `keep` accepts, keeping the current choice when it is still
// there, else `fallback` when there, else the first.
template <typename Keep>
void fillColumns(QComboBox* box, const ModelTable& table, Keep keep, const QString& fallback) {
    const QString current = box->currentData().toString();
    box->clear();
    for (const ModelColumn& c : table.columns)
        if (c.numeric() && keep(c.id))
            box->addItem(c.title, c.id);
    int index = box->findData(current);
    if (index < 0)
        index = box->findData(fallback);
    box->setCurrentIndex(std::max(index, 0));
}

} // namespace

HessianPanel::HessianPanel(StudyDocument* document, ModelsPanel* models, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_models(models)
    , m_xBox(new QComboBox(this))
    , m_yBox(new QComboBox(this))
    , m_scatter(new RegressionScatter(QStringLiteral("hessian-scatter"), this)) {
    setObjectName(QStringLiteral("HessianPanel"));
    m_xBox->setToolTip(tr("The Hessian column (Compute Hessian on the Models table fills it)"));
    m_yBox->setToolTip(tr("Any column of the models table, e.g. a diagnostic's accuracy"));
    for (QComboBox* box : {m_xBox, m_yBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(new QLabel(tr("<b>Hessian</b>"), this));
    bar->addSpacing(8);
    bar->addWidget(m_yBox);
    bar->addWidget(new QLabel(tr("against"), this));
    bar->addWidget(m_xBox);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_scatter, 1);

    for (QComboBox* box : {m_xBox, m_yBox})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updating)
                refresh();
        });
    // The table model says when columns come and go (a reset) or values change.
    QAbstractItemModel* table = models->tableModel();
    connect(table, &QAbstractItemModel::modelReset, this, &HessianPanel::rebuildChoices);
    connect(table, &QAbstractItemModel::dataChanged, this, &HessianPanel::refresh);
    rebuildChoices();
}

void HessianPanel::rebuildChoices() {
    const ModelTable& table = m_models->tableModel()->table();
    m_updating = true;
    fillColumns(m_xBox, table, isHessianColumn, QStringLiteral("hessian:top"));
    // By default what the paper compares with: the first diagnostic's metric.
    fillColumns(
        m_yBox, table, [](const QString& id) { return !isHessianColumn(id); },
        StudyViews::defaultScoreColumn(m_document->study()));
    m_updating = false;
    refresh();
}

void HessianPanel::setColumns(const QString& xId, const QString& yId) {
    m_updating = true;
    m_xBox->setCurrentIndex(std::max(m_xBox->findData(xId), 0));
    m_yBox->setCurrentIndex(std::max(m_yBox->findData(yId), 0));
    m_updating = false;
    refresh();
}

QString HessianPanel::xColumn() const {
    return m_xBox->currentData().toString();
}

QString HessianPanel::yColumn() const {
    return m_yBox->currentData().toString();
}

void HessianPanel::refresh() {
    ScatterData data = columnScatter(m_models->tableModel()->table(), xColumn(), yColumn());
    data.emptyText = m_xBox->count() == 0
                         ? tr("Compute Hessian on the Models table (its tool bar or context "
                              "menu)\nto plot the top eigenvalue or the trace against a column")
                         : tr("No model has both values");
    m_scatter->setData(std::move(data));
}

QString HessianPanel::exportName() const {
    return m_scatter->exportName();
}

void HessianPanel::renderTo(QCPPainter& painter, const QSize& size) {
    m_scatter->renderTo(painter, size);
}

QString HessianPanel::toCsv() const {
    return m_scatter->toCsv();
}

} // namespace bs::ui
