#pragma once
// JobController: owns the worker thread, hands out job ids and drops results of stale jobs.

#include "app/gui/compute_worker.h"

#include <QObject>
#include <QThread>

namespace bs::ui {

// One job at a time runs on one QThread. The GUI talks to the controller only; every signal
// it emits belongs to the current job (results of a cancelled-and-abandoned job are dropped).
class JobController : public QObject {
    Q_OBJECT
public:
    explicit JobController(QObject* parent = nullptr);
    ~JobController() override; // cancels the running job and waits for the thread

    bool busy() const { return m_current != 0; }
    JobId currentJob() const { return m_current; }
    // The job whose jobFinished is being (or was last) emitted.
    JobId finishedJob() const { return m_finished; }
    JobKind currentKind() const { return m_kind; }
    // The worker, for tests that need to act inside a job (e.g. cancel at a precise point).
    ComputeWorker* worker() const { return m_worker; }

    // Each returns the new job's id, or 0 (nothing started) while another job runs.
    JobId createStudy(const QString& path, const NewStudyOptions& options);
    JobId editStudy(const QString& path, const StudyEdit& edit);
    JobId evaluate(const QString& path, const std::vector<std::string>& models,
                   const ComputeSettings& settings);
    JobId computeCurves(const QString& path, const std::vector<NamedPair>& pairs,
                        const ComputeSettings& settings);
    // A job of another kind (planes, clustering, ...): `body` runs on the worker thread with
    // the study locked and read (see StudyJobContext). `title` names it in the status bar.
    JobId runStudyJob(JobKind kind, const QString& title, const QString& path, StudyJobBody body,
                      const ComputeSettings& settings);
    // The status-bar title given to runStudyJob (empty for the built-in kinds).
    QString currentTitle() const { return m_title; }

    // Asks the current job to stop at its next safe point; it then finishes as Cancelled
    // with everything completed so far saved.
    void cancel();
    // Cancels and forgets the current job: nothing it still sends reaches the GUI.
    void abandon();

signals:
    void busyChanged(bool busy);
    void jobStarted(bs::ui::JobKind kind);
    void progress(qint64 done, qint64 total, const QString& message, double secondsLeft);
    void evalReady(const bs::ui::EvalUpdate& update);
    void pairReady(const bs::ui::PairUpdate& update);
    // What a runStudyJob body posted, with the job's kind.
    void resultReady(bs::ui::JobKind kind, const QVariant& result);
    void jobFailed(bs::ui::JobKind kind, const QString& message);
    void jobFinished(bs::ui::JobKind kind, bs::ui::JobOutcome outcome,
                     const bs::ui::StudySnapshot& study);

private:
    template <typename Call>
    JobId start(JobKind kind, Call&& call, const QString& title = QString());

    QThread m_thread;
    ComputeWorker* m_worker = nullptr;
    JobId m_next = 1;
    JobId m_current = 0;
    JobId m_finished = 0;
    JobKind m_kind = JobKind::Curves;
    QString m_title;
    CancelToken m_token;
};

} // namespace bs::ui
