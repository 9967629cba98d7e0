#include "app/gui/attribution_panel.h"

#include "app/gui/analysis_job_bar.h"
#include "app/gui/compute_worker.h"
#include "app/gui/pair_choice.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/attribution_job.h"
#include "core/jobs/study_session.h"
#include "widgets/attribution_map.h"

#include <QComboBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs::ui {

AttributionPanel::AttributionPanel(StudyDocument* document, StudyJobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
    , m_firstBox(new QComboBox(this))
    , m_secondBox(new QComboBox(this))
    , m_datasetBox(new QComboBox(this))
    , m_bar(new AnalysisJobBar(
          document, runner, tr("Attribute Barrier"), [this] { return start(); }, this))
    , m_map(new AttributionMap(this)) {
    setObjectName(QStringLiteral("AttributionPanel"));
    m_bar->addLabel(tr("<b>Barrier attribution</b> of"));
    m_bar->addControl(m_firstBox);
    m_bar->addLabel(tr("→"));
    m_bar->addControl(m_secondBox);
    m_bar->addLabel(tr("on"));
    m_bar->addControl(m_datasetBox);
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
    connect(m_document, &StudyDocument::studyReset, this, &AttributionPanel::rebuild);
    rebuild();
}

void AttributionPanel::rebuild() {
    const Study& study = m_document->study();
    fillModelBoxes(study, m_firstBox, m_secondBox);
    fillDatasetBox(study, m_datasetBox, /*preferDiagnostic=*/false);
}

void AttributionPanel::setPair(int64_t i, int64_t j) {
    choosePair(m_document->study(), m_firstBox, m_secondBox, i, j);
}

bool AttributionPanel::attribute(int64_t i, int64_t j) {
    setPair(i, j);
    return m_bar->run();
}

StudyJobHandle* AttributionPanel::start() {
    AttributionRequest request;
    request.first = m_firstBox->currentText().toStdString();
    request.second = m_secondBox->currentText().toStdString();
    request.dataset = m_datasetBox->currentData().toString().toStdString();
    if (request.first.empty() || request.first == request.second) {
        m_bar->setStatus(tr("Choose two different models."));
        return nullptr;
    }
    StudyJobHandle* job = m_runner->run(
        JobKind::Attribution, tr("Attributing the barrier"), [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            const BarrierAttribution result =
                computeAttribution(context.study, session, request, context.hooks.progress);
            context.post(QVariant::fromValue(result));
            // A cancelled attribution returns what it has: post it, then end as cancelled.
            context.hooks.progress.checkCancelled();
        });
    if (!job) {
        m_bar->setStatus(tr("Another job is running; try again when it has finished."));
        return nullptr;
    }
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
