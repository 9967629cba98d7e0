#include "app/gui/bootstrap_runner.h"

#include "app/gui/compute_worker.h"
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/study_document.h"
#include "core/study/example_loss_store.h"

#include <QTimer>

namespace bs::ui {

BootstrapRunner::BootstrapRunner(MainWindow* window)
    : QObject(window)
    , m_window(window) {
    connect(window->jobs(), &JobController::resultReady, this,
            [this](JobKind kind, const QVariant& value) {
                if (kind != JobKind::Bootstrap || !value.canConvert<BootstrapResult>())
                    return;
                m_result = value.value<BootstrapResult>();
                m_resultPath = m_window->document()->path();
                emit resultChanged();
            });
    connect(window->jobs(), &JobController::jobFinished, this,
            [this](JobKind kind, JobOutcome outcome, const StudySnapshot&) {
                if (kind != JobKind::Bootstrap || !m_running)
                    return;
                m_running = false;
                emit finished(outcome);
            });
    // An abandoned job (e.g. another study opened meanwhile) never reports its end: once the
    // controller is idle and no end arrived, the bootstrap is over.
    connect(window->jobs(), &JobController::busyChanged, this, [this](bool busy) {
        if (busy || !m_running)
            return;
        QTimer::singleShot(0, this, [this] {
            if (m_running && !m_window->jobs()->busy()) {
                m_running = false;
                emit finished(JobOutcome::Cancelled);
            }
        });
    });
    connect(window->document(), &StudyDocument::studyReset, this, [this] {
        // Intervals belong to the study they were computed on: another file drops them.
        if (m_result && m_window->document()->path() != m_resultPath) {
            m_result.reset();
            emit resultChanged();
        }
        emit availabilityChanged();
    });
}

bool BootstrapRunner::available() const {
    const StudyDocument* document = m_window->document();
    return document->isOpen() &&
           ExampleLossStore::exists(std::filesystem::path(document->path().toStdString()));
}

bool BootstrapRunner::start(const QString& dataset) {
    if (m_running || !available())
        return false;
    BootstrapRequest request;
    request.dataset = dataset.toStdString();
    request.cluster.k = 0; // no stability unless a clustering is shown
    if (const ClusteringResult* shown = m_window->document()->shownClustering();
        shown && shown->matrix != matrixId(MatrixKind::Distance)) {
        request.cluster.matrix = shown->matrix;
        request.cluster.dataset = shown->dataset;
        request.cluster.k = shown->k;
        request.cluster.delta = shown->delta;
    }
    const std::filesystem::path file(m_window->document()->path().toStdString());
    const JobId id = m_window->runStudyJob(
        JobKind::Bootstrap, tr("Bootstrapping intervals"),
        [request, file](StudyJobContext& context) {
            const ExampleLossStore store(file, context.study, /*create=*/false);
            const BootstrapResult result =
                computeBootstrap(context.study, store, request, context.hooks.progress);
            context.post(QVariant::fromValue(result));
            // A cancelled bootstrap returns the pairs done: post them, then end as cancelled.
            context.hooks.progress.checkCancelled();
        });
    m_running = id != 0;
    return m_running;
}

} // namespace bs::ui
