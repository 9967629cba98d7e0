#include "app/gui/flips_panel.h"

#include "app/gui/analysis_job_bar.h"
#include "app/gui/compute_worker.h"
#include "app/gui/pair_choice.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/flip_job.h"
#include "core/jobs/study_session.h"
#include "widgets/flip_table_model.h"
#include "widgets/table_painter.h"

#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace bs::ui {

FlipsPanel::FlipsPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
    , m_bar(new AnalysisJobBar(
          document, runner, tr("Find Flipped Examples"), [this] { return start(); }, this))
    , m_pair(new PairChoice(document, m_bar, tr("Flipped examples"), /*preferDiagnostic=*/true))
    , m_model(new FlipTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this)) {
    setObjectName(QStringLiteral("FlipsPanel"));
    m_bar->runButton()->setToolTip(
        tr("Predict every example of the dataset along the line and list those whose label "
           "changes; the result is kept in memory, not in the study file"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FlipTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FlipTableModel::FirstFlip, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);

    connect(m_bar, &AnalysisJobBar::finished, this, [this](JobOutcome outcome) {
        const FlipAnalysis& a = m_model->analysis();
        const QString found = tr("%1 of %2 examples flip (held in memory only).")
                                  .arg(a.flipped.size())
                                  .arg(a.examples);
        m_bar->setStatus(outcome == JobOutcome::Completed ? found
                         : outcome == JobOutcome::Cancelled
                             ? tr("Cancelled after %1 of the points: ").arg(a.alphas.size()) + found
                             : tr("Finding flipped examples failed (see the message)."));
    });
}

void FlipsPanel::setPair(int64_t i, int64_t j) {
    m_pair->setPair(i, j);
}

void FlipsPanel::setDataset(const QString& name) {
    m_pair->setDataset(name);
}

bool FlipsPanel::findFlips(int64_t i, int64_t j) {
    setPair(i, j);
    return m_bar->run();
}

void FlipsPanel::showAnalysis(const FlipAnalysis& analysis) {
    m_model->setAnalysis(analysis);
    m_view->resizeColumnsToContents();
    std::vector<double> alphas;
    for (const FlippedExample& example : analysis.flipped)
        alphas.push_back(example.firstFlip);
    emit flipsFound(QString::fromStdString(analysis.first), QString::fromStdString(analysis.second),
                    alphas);
}

StudyJobHandle* FlipsPanel::start() {
    if (!m_pair->valid())
        return nullptr;
    FlipRequest request;
    request.first = m_pair->first();
    request.second = m_pair->second();
    request.dataset = m_pair->dataset();
    StudyJobHandle* job = m_runner->run(
        JobKind::Flips, tr("Finding flipped examples"), [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            const FlipAnalysis result =
                computeFlips(context.study, session, request, context.hooks.progress);
            context.post(QVariant::fromValue(result));
            // A cancelled search returns the flips among the points done: post, then cancel.
            context.hooks.progress.checkCancelled();
        });
    if (!job)
        return nullptr;
    job->onResult<FlipAnalysis>(this, [this](const FlipAnalysis& result) { showAnalysis(result); });
    m_bar->setStatus(
        tr("Predicting along %1 → %2…")
            .arg(QString::fromStdString(request.first), QString::fromStdString(request.second)));
    return job;
}

QString FlipsPanel::title() const {
    const FlipAnalysis& a = m_model->analysis();
    return tr("Flipped examples of %1 → %2 on %3 (%4 of %5)")
        .arg(QString::fromStdString(a.first), QString::fromStdString(a.second),
             QString::fromStdString(a.dataset))
        .arg(a.flipped.size())
        .arg(a.examples);
}

QString FlipsPanel::exportName() const {
    const FlipAnalysis& a = m_model->analysis();
    return a.first.empty()
               ? QStringLiteral("flips")
               : QStringLiteral("flips-%1-%2")
                     .arg(QString::fromStdString(a.first), QString::fromStdString(a.second));
}

void FlipsPanel::renderTo(QCPPainter& painter, const QSize& size) {
    paintTable(painter, *m_proxy, size, title());
}

QString FlipsPanel::toCsv() const {
    return m_model->analysis().first.empty()
               ? QString()
               : QString::fromStdString(flipsCsv(m_model->analysis()));
}

} // namespace bs::ui
