#include "app/gui/models_panel.h"

#include "app/gui/hessian_columns.h"
#include "app/gui/study_document.h"
#include "app/gui/study_views.h"
#include "core/study/study_csv.h"
#include "widgets/table_painter.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace bs::ui {

ModelsPanel::ModelsPanel(StudyDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ModelTableModel(this))
    , m_proxy(new ModelSortProxy(this))
    , m_view(new QTableView(this))
    , m_toolBar(new QToolBar(this))
    , m_summary(new QLabel(this)) {
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // model order until the user picks a column
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    // Columns fit their contents; a stretched last column would push the cluster far right.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setIconSize(QSize(12, 12));

    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* title = new QLabel(tr("<b>Models</b>"), this);
    auto* header = new QHBoxLayout;
    header->setContentsMargins(6, 2, 6, 0);
    header->addWidget(title);
    header->addSpacing(8);
    header->addWidget(m_summary, 1);
    header->addWidget(m_toolBar);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { emit selectionChanged(selectedModels()); });
    connect(document, &StudyDocument::studyReset, this, &ModelsPanel::rebuild);
    connect(document, &StudyDocument::shownClusteringChanged, this, &ModelsPanel::refreshValues);
    connect(document, &StudyDocument::evaluationsChanged, this, &ModelsPanel::refreshValues);
    for (auto signal : {&StudyDocument::clusteringsChanged, &StudyDocument::sharpnessChanged,
                        &StudyDocument::hessiansChanged, &StudyDocument::pairsChanged})
        connect(document, signal, this, &ModelsPanel::refreshValues);
    rebuild();
}

std::vector<int64_t> ModelsPanel::selectedModels() const {
    std::vector<int64_t> models;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        models.push_back(m_proxy->mapToSource(index).row());
    std::sort(models.begin(), models.end(), [this](int64_t a, int64_t b) {
        return m_proxy->mapFromSource(m_model->index(int(a), 0)).row() <
               m_proxy->mapFromSource(m_model->index(int(b), 0)).row();
    });
    return models;
}

void ModelsPanel::selectModels(const std::vector<int64_t>& models) {
    QItemSelection selection;
    for (int64_t m : models) {
        if (m < 0 || m >= m_model->rowCount())
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(int(m), 0));
        selection.select(index, index);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
    if (!models.empty() && models.front() >= 0 && models.front() < m_model->rowCount())
        m_view->scrollTo(m_proxy->mapFromSource(m_model->index(int(models.front()), 0)));
}

void ModelsPanel::rebuild() {
    // Keep the selection by name across a reset (a job's final save replaces the study).
    QStringList selectedNames;
    for (int64_t m : selectedModels())
        selectedNames << m_model->index(int(m), 0).data().toString();
    const Study& study = m_document->study();
    if (m_document->path() != m_hessianStudy)
        m_hessian.clear();
    m_model->setTable(table());
    m_summary->setText(m_document->isOpen()
                           ? tr("%n model(s)", nullptr, int(study.models.size())) +
                                 tr(", %n dataset(s)", nullptr, int(study.datasets.size()))
                           : tr("no study open"));
    std::vector<int64_t> reselect;
    for (const QString& name : selectedNames) {
        const int64_t index = study.modelIndex(name.toStdString());
        if (index >= 0)
            reselect.push_back(index);
    }
    selectModels(reselect);
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c) + 12, 320));
}

void ModelsPanel::refreshValues() {
    m_model->setTable(table());
}

ModelTable ModelsPanel::table() const {
    ModelTable table = StudyViews::modelTable(m_document->study(), m_document->shownClustering());
    appendHessianColumns(table, m_document->study(), m_hessian);
    return table;
}

void ModelsPanel::setHessian(std::vector<ModelHessian> results) {
    const bool newColumns = m_hessian.empty() != results.empty();
    m_hessian = std::move(results);
    m_hessianStudy = m_document->path();
    if (newColumns)
        rebuild(); // a reset of the table: fit the new columns' widths
    else
        refreshValues();
}

void ModelsPanel::renderTo(QCPPainter& painter, const QSize& size) {
    paintTable(painter, *m_proxy, size, tr("Models of %1").arg(m_document->displayName()));
}

QSize ModelsPanel::naturalSize() const {
    return naturalTableSize(*m_proxy, tr("Models of %1").arg(m_document->displayName()));
}

QString ModelsPanel::toCsv() const {
    const ModelTable& table = m_model->table();
    std::string csv;
    for (size_t c = 0; c < table.columns.size(); ++c)
        csv += (c ? "," : "") + csvField(table.columns[c].id.toStdString());
    csv += "\n";
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const size_t row = size_t(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const ModelColumn& column = table.columns[c];
            csv += c ? "," : "";
            csv += column.numeric() ? csvNumber(column.numbers[row])
                                    : csvField(column.texts[row].toStdString());
        }
        csv += "\n";
    }
    return QString::fromStdString(csv);
}

} // namespace bs::ui
