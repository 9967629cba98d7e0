#include "app/gui/study_job_runner.h"

#include "app/gui/job_controller.h"

#include <QTimer>

namespace bs::ui {

StudyJobRunner::StudyJobRunner(JobController* jobs, Start start, QObject* parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_start(std::move(start)) {
    connect(m_jobs, &JobController::busyChanged, this, &StudyJobRunner::busyChanged);
    // The controller's signals belong to its current job; they reach the handle of that job
    // only when the runner started it.
    connect(m_jobs, &JobController::progress, this,
            [this](qint64 done, qint64 total, const QString& message, double secondsLeft) {
                if (m_current && m_current->id() == m_jobs->currentJob())
                    emit m_current->progress(done, total, message, secondsLeft);
            });
    connect(m_jobs, &JobController::resultReady, this, [this](JobKind, const QVariant& value) {
        if (m_current && m_current->id() == m_jobs->currentJob())
            emit m_current->posted(value);
    });
    connect(m_jobs, &JobController::jobFailed, this, [this](JobKind, const QString& message) {
        if (m_current && m_current->id() == m_jobs->currentJob())
            emit m_current->failed(message);
    });
    // Connected after the main window's own slot (the runner is made after it), so the
    // document holds the saved study when the handle says finished.
    connect(m_jobs, &JobController::jobFinished, this,
            [this](JobKind, JobOutcome outcome, const StudySnapshot&) {
                if (!m_current || m_current->id() != m_jobs->finishedJob())
                    return;
                StudyJobHandle* handle = m_current;
                m_current.clear();
                emit handle->finished(outcome);
                handle->deleteLater();
            });
    // An abandoned job (another study opened meanwhile) never reports its end: once the
    // controller is idle and no end arrived, the handle ends as cancelled.
    connect(m_jobs, &JobController::busyChanged, this, [this](bool busy) {
        if (busy || !m_current)
            return;
        QTimer::singleShot(0, this, [this, handle = m_current] {
            if (handle && handle == m_current && !m_jobs->busy()) {
                m_current.clear();
                emit handle->finished(JobOutcome::Cancelled);
                handle->deleteLater();
            }
        });
    });
}

StudyJobHandle* StudyJobRunner::run(JobKind kind, const QString& title, StudyJobBody body) {
    const JobId id = m_start(kind, title, std::move(body));
    if (id == 0)
        return nullptr;
    m_current = new StudyJobHandle(id, this);
    return m_current;
}

QString StudyJobRunner::busyMessage() {
    return tr("Another job is running; try again when it has finished.");
}

bool StudyJobRunner::busy() const {
    return m_jobs->busy();
}

void StudyJobRunner::cancel() {
    m_jobs->cancel();
}

} // namespace bs::ui
