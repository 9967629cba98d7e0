#include "app/gui/attribution_panel.h"

#include "app/gui/analysis_job_bar.h"
#include "app/gui/compute_worker.h"
#include "app/gui/pair_choice.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/attribution_job.h"
#include "core/jobs/study_session.h"
#include "widgets/attribution_map.h"

#include <QPushButton>
#include <QVBoxLayout>

namespace bs::ui {

AttributionPanel::AttributionPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
    , m_bar(new AnalysisJobBar(
          document, runner, tr("Attribute Barrier"), [this] { return start(); }, this))
    , m_pair(new PairChoice(document, m_bar, tr("Barrier attribution"),
                            /*preferDiagnostic=*/false))
    , m_map(new AttributionMap(this)) {
    setObjectName(QStringLiteral("AttributionPanel"));
    m_bar->runButton()->setToolTip(
        tr("The loss along the line when only one parameter group moves, and when all but one "
           "move; the result is kept in memory, not in the study file"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_bar);
    layout->addWidget(m_map, 1);

    connect(m_bar, &AnalysisJobBar::finished, this, [this](JobOutcome outcome) {
        m_bar->setStatus(outcome == JobOutcome::Completed ? tr("Done (held in memory only).")
                         : outcome == JobOutcome::Cancelled
                             ? tr("Cancelled; the paths computed so far are shown.")
                             : tr("The attribution failed (see the message)."));
    });
}

void AttributionPanel::setPair(int64_t i, int64_t j) {
    m_pair->setPair(i, j);
}

bool AttributionPanel::attribute(int64_t i, int64_t j) {
    setPair(i, j);
    return m_bar->run();
}

StudyJobHandle* AttributionPanel::start() {
    if (!m_pair->valid())
        return nullptr;
    AttributionRequest request;
    request.first = m_pair->first();
    request.second = m_pair->second();
    request.dataset = m_pair->dataset();
    StudyJobHandle* job = m_runner->run(
        JobKind::Attribution, tr("Attributing the barrier"), [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            const BarrierAttribution result =
                computeAttribution(context.study, session, request, context.hooks.progress);
            context.post(QVariant::fromValue(result));
            // A cancelled attribution returns what it has: post it, then end as cancelled.
            context.hooks.progress.checkCancelled();
        });
    if (!job)
        return nullptr;
    job->onResult<BarrierAttribution>(
        this, [this](const BarrierAttribution& result) { m_map->setAttribution(result); });
    m_bar->setStatus(
        tr("Attributing %1 → %2…")
            .arg(QString::fromStdString(request.first), QString::fromStdString(request.second)));
    return job;
}

QString AttributionPanel::exportName() const {
    const BarrierAttribution& a = m_map->attribution();
    return a.groups.empty()
               ? QStringLiteral("attribution")
               : QStringLiteral("attribution-%1-%2")
                     .arg(QString::fromStdString(a.first), QString::fromStdString(a.second));
}

void AttributionPanel::renderTo(QCPPainter& painter, const QSize& size) {
    m_map->renderTo(painter, size);
}

QString AttributionPanel::toCsv() const {
    return m_map->toCsv();
}

} // namespace bs::ui
