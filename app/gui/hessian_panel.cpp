#include "app/gui/hessian_panel.h"

#include "app/gui/column_scatter.h"
#include "app/gui/models_panel.h"
#include "app/gui/study_document.h"
#include "app/gui/study_views.h"
#include "widgets/cluster_views.h"
#include "widgets/eigen_density_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <optional>

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

// The whole-model Hessian value of `model` that has a density: this session's (newer), else
// the one the study keeps (on the surface dataset first).
std::optional<ModelHessian> densityOf(const Study& study, const std::vector<ModelHessian>& held,
                                      const std::string& model) {
    for (auto r = held.rbegin(); r != held.rend(); ++r)
        if (r->model == model && r->group.empty() && !r->value.density.empty())
            return *r;
    const DatasetEntry* surface = study.surfaceDataset();
    std::optional<ModelHessian> found;
    for (const HessianResult& r : study.hessians) {
        const HessianGroupValue* whole = r.find("");
        if (r.model != model || !whole || whole->value.density.empty())
            continue;
        if (!found || (surface && r.dataset == surface->name))
            found = ModelHessian{r.model, r.dataset, "", whole->value};
    }
    return found;
}

} // namespace

HessianPanel::HessianPanel(StudyDocument* document, ModelsPanel* models, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_models(models)
    , m_xBox(new QComboBox(this))
    , m_yBox(new QComboBox(this))
    , m_scatter(new RegressionScatter(QStringLiteral("hessian-scatter"), this))
    , m_density(new EigenDensityPlot(this)) {
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
    auto* plots = new QHBoxLayout;
    plots->addWidget(m_scatter, 3);
    plots->addWidget(m_density, 2);
    layout->addLayout(plots, 1);

    for (QComboBox* box : {m_xBox, m_yBox})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updating)
                refresh();
        });
    // The table model says when columns come and go (a reset) or values change.
    QAbstractItemModel* table = models->tableModel();
    connect(table, &QAbstractItemModel::modelReset, this, &HessianPanel::rebuildChoices);
    connect(table, &QAbstractItemModel::dataChanged, this, &HessianPanel::refresh);
    connect(models, &ModelsPanel::selectionChanged, this, &HessianPanel::refreshDensity);
    connect(document, &StudyDocument::hessiansChanged, this, &HessianPanel::refreshDensity);
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
    refreshDensity();
}

void HessianPanel::refreshDensity() {
    const Study& study = m_document->study();
    const std::vector<ModelHessian>& held = m_models->hessian();
    std::vector<int64_t> order = m_models->selectedModels();
    const bool selected = !order.empty();
    if (!selected)
        for (int64_t m = 0; m < int64_t(study.models.size()); ++m)
            order.push_back(m);
    EigenDensityData data;
    for (int64_t m : order) {
        if (m < 0 || size_t(m) >= study.models.size())
            continue;
        const std::optional<ModelHessian> r = densityOf(study, held, study.models[size_t(m)].name);
        if (!r) {
            if (selected) // the selected model has none: say so rather than show another's
                break;
            continue;
        }
        const HessianDensity& d = r->value.density;
        // The title stays short (the plot is narrow); the computation goes to the legend.
        data.title = tr("Eigenvalue density: %1").arg(QString::fromStdString(r->model));
        data.densityLabel = tr("on %1, %n run(s), σ = %2", nullptr, int(d.nodes.size()))
                                .arg(QString::fromStdString(r->dataset))
                                .arg(d.sigma, 0, 'g', 2);
        data.grid = d.grid;
        data.density = d.density;
        data.eigenvalues = r->value.eigenvalues;
        break;
    }
    if (data.grid.empty())
        data.emptyText = selected ? tr("The selected model has no eigenvalue density:\n"
                                       "Compute Hessian with Density on the Models table")
                                  : tr("Compute Hessian with Density on the Models table\n"
                                       "to see the spectrum of a model");
    m_density->setData(std::move(data));
}

QString HessianPanel::exportName() const {
    return QStringLiteral("hessian");
}

void HessianPanel::renderTo(QCPPainter& painter, const QSize& size) {
    // As on screen: the scatter, and the density beside it.
    const int w = size.width() * 3 / 5;
    m_scatter->renderTo(painter, QSize(w, size.height()));
    painter.save();
    painter.translate(w, 0);
    m_density->renderTo(painter, QSize(size.width() - w, size.height()));
    painter.restore();
}

QString HessianPanel::toCsv() const {
    return m_scatter->toCsv();
}

} // namespace bs::ui
