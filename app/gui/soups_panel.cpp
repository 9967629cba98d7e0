#include "app/gui/soups_panel.h"

#include "app/gui/analysis_job_bar.h"
#include "app/gui/compute_worker.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/soup_job.h"
#include "core/jobs/study_session.h"
#include "widgets/soup_table_model.h"
#include "widgets/table_painter.h"

#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace bs::ui {

SoupsPanel::SoupsPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
    , m_bar(new AnalysisJobBar(
          document, runner, tr("Compute Soups"), [this] { return computeSoupsNow(); }, this))
    , m_model(new SoupTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this)) {
    setObjectName(QStringLiteral("SoupsPanel"));
    m_bar->addLabel(tr("<b>Model soups</b> within and across basins"));
    m_bar->runButton()->setToolTip(
        tr("Average the weights of each cluster shown in the Clusters tab, and of as many "
           "models drawn across clusters, and evaluate the soups on every dataset; the result "
           "is kept in memory, not in the study file"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SoupTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);

    connect(m_bar, &AnalysisJobBar::finished, this, [this](JobOutcome outcome) {
        const QString made = tr("%1 soups of %2 (held in memory only).")
                                 .arg(m_model->rowCount())
                                 .arg(m_clusteringId);
        m_bar->setStatus(outcome == JobOutcome::Completed ? made
                         : outcome == JobOutcome::Cancelled
                             ? tr("Cancelled: ") + made
                             : tr("The soups failed (see the message)."));
    });
    connect(m_document, &StudyDocument::shownClusteringChanged, this,
            &SoupsPanel::describeClustering);
    connect(m_document, &StudyDocument::studyReset, this, &SoupsPanel::describeClustering);
    connect(m_document, &StudyDocument::clusteringsChanged, this, &SoupsPanel::describeClustering);
    describeClustering();
}

void SoupsPanel::describeClustering() {
    if (m_bar->running() || m_model->rowCount() > 0)
        return; // the status describes the soups shown
    const ClusteringResult* c = m_document->shownClustering();
    m_bar->setStatus(c ? tr("Clustering %1: %2 models in %3 clusters.")
                             .arg(QString::fromStdString(c->id))
                             .arg(c->models.size())
                             .arg(c->k)
                       : tr("Cluster the models in the Clusters tab first."));
}

bool SoupsPanel::computeSoups() {
    return m_bar->run();
}

StudyJobHandle* SoupsPanel::computeSoupsNow() {
    const ClusteringResult* c = m_document->shownClustering();
    if (!c) {
        m_bar->setStatus(tr("Cluster the models in the Clusters tab first."));
        return nullptr;
    }
    const std::vector<std::string> models = c->models;
    const std::vector<int64_t> labels = c->labels;
    StudyJobHandle* job = m_runner->run(
        JobKind::Soup, tr("Computing soups"), [models, labels](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            const std::vector<SoupEvaluation> soups =
                computeBasinSoups(context.study, session, models, labels, context.hooks.progress);
            context.post(QVariant::fromValue(soups));
            // A cancelled job returns the soups finished so far: post them, then cancel.
            context.hooks.progress.checkCancelled();
        });
    if (!job)
        return nullptr;
    job->onResult<std::vector<SoupEvaluation>>(this,
                                               [this](const std::vector<SoupEvaluation>& soups) {
                                                   m_model->setSoups(soups);
                                                   m_view->resizeColumnsToContents();
                                               });
    m_clusteringId = QString::fromStdString(c->id);
    m_bar->setStatus(tr("Averaging and evaluating the soups of %1…").arg(m_clusteringId));
    return job;
}

void SoupsPanel::renderTo(QCPPainter& painter, const QSize& size) {
    paintTable(painter, *m_proxy, size,
               tr("Model soups within and across the basins of %1").arg(m_clusteringId));
}

QString SoupsPanel::toCsv() const {
    return m_model->soups().empty() ? QString()
                                    : QString::fromStdString(soupsCsv(m_model->soups()));
}

} // namespace bs::ui
