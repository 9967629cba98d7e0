#pragma once
// StudyJobRunner: what an analysis panel needs to run a job on the open study. Panels hold a
// runner (not the main window); each job they start comes back as a handle whose signals
// carry that job's values only, so a panel never filters results by job kind.

#include "app/gui/compute_worker.h"
#include "app/gui/job_types.h"

#include <QObject>
#include <QPointer>
#include <QVariant>

#include <functional>

namespace bs::ui {

class JobController;

// One running job. Deleted by the runner after `finished`.
class StudyJobHandle : public QObject {
    Q_OBJECT
public:
    explicit StudyJobHandle(JobId id, QObject* parent = nullptr)
        : QObject(parent)
        , m_id(id) {}
    JobId id() const { return m_id; }

    // Calls `apply(const T&)` in `receiver`'s thread for each value of type T the job's body
    // posted (StudyJobContext::post); values of other types are not passed on.
    template <typename T, typename Apply> void onResult(QObject* receiver, Apply apply) {
        connect(this, &StudyJobHandle::posted, receiver, [apply](const QVariant& value) {
            if (value.canConvert<T>())
                apply(value.value<T>());
        });
    }

signals:
    void progress(qint64 done, qint64 total, const QString& message, double secondsLeft);
    void posted(const QVariant& value);
    void failed(const QString& message);
    // Exactly once; the document already holds the study as the job saved it.
    void finished(bs::ui::JobOutcome outcome);

private:
    JobId m_id;
};

class StudyJobRunner : public QObject {
    Q_OBJECT
public:
    // `start` starts a job on the open study and returns its id, 0 when none started (the
    // main window's runStudyJob, which keeps the file the job works on).
    using Start = std::function<JobId(JobKind, const QString&, StudyJobBody)>;
    StudyJobRunner(JobController* jobs, Start start, QObject* parent = nullptr);

    // The new job's handle, or nullptr when none started (no study open, another job runs).
    StudyJobHandle* run(JobKind kind, const QString& title, StudyJobBody body);
    bool busy() const;
    // What to tell the user when a job could not start because another runs.
    static QString busyMessage();
    // Asks the running job (any kind) to stop at its next safe point.
    void cancel();

signals:
    void busyChanged(bool busy);

private:
    JobController* m_jobs;
    Start m_start;
    QPointer<StudyJobHandle> m_current;
};

} // namespace bs::ui
