#pragma once
// ComputeWorker: runs the study jobs of core on its own thread and reports as queued signals.

#include "app/gui/job_types.h"
#include "core/common/progress.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"

#include <QObject>
#include <QString>
#include <QVariant>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bs::ui {

using NamedPair = std::pair<std::string, std::string>;

// What a generic study job body gets (see ComputeWorker::runStudyJob). Lives on the worker
// thread for the duration of the body only.
struct StudyJobContext {
    Study& study;           // read from the file, writer lock held
    const JobHooks& hooks;  // progress (throws bs::Cancelled once cancelled), persist(change) saves
    ComputeOptions options; // batch size and memory budget for a StudySession
    // Sends a value to the GUI thread: JobController::resultReady (current job only).
    std::function<void(const QVariant& result)> post;
};
// The body of a job added by an analysis panel (planes, clustering, sharpness, ...).
using StudyJobBody = std::function<void(StudyJobContext& context)>;

// Lives on the worker QThread; its run* methods are invoked there (queued) by JobController.
// Each job takes the study's writer lock, reads the file, computes, and saves after every
// finished unit (model, pair), so a cancelled or crashed job keeps what finished. Signals carry
// the job id; one signal per stage, then exactly one `finished`.
class ComputeWorker : public QObject {
    Q_OBJECT
public:
    explicit ComputeWorker(QObject* parent = nullptr);

    void runCreate(JobId id, const QString& path, const NewStudyOptions& options);
    void runEdit(JobId id, const QString& path, const StudyEdit& edit);
    // Empty `models`: every model not yet evaluated on every dataset.
    void runEvaluate(JobId id, const QString& path, const std::vector<std::string>& models,
                     const ComputeSettings& settings, const CancelToken& token);
    // Empty `pairs`: every pair of the study.
    void runCurves(JobId id, const QString& path, const std::vector<NamedPair>& pairs,
                   const ComputeSettings& settings, const CancelToken& token);
    // Any other study job: locks and reads the study, runs `body`, saves nothing by itself
    // (the body calls hooks.persist(change)), then sends `finished` with the study as it ended.
    void runStudyJob(JobId id, JobKind kind, const QString& path, const StudyJobBody& body,
                     const ComputeSettings& settings, const CancelToken& token);

signals:
    void started(bs::ui::JobId id, bs::ui::JobKind kind);
    // Throttled to ~20 per second; secondsLeft < 0 when unknown.
    void progress(bs::ui::JobId id, qint64 done, qint64 total, const QString& message,
                  double secondsLeft);
    void evalReady(bs::ui::JobId id, const bs::ui::EvalUpdate& update);
    void pairReady(bs::ui::JobId id, const bs::ui::PairUpdate& update);
    // A value posted by a generic job body (StudyJobContext::post).
    void resultReady(bs::ui::JobId id, const QVariant& result);
    void failed(bs::ui::JobId id, const QString& message);
    // The study as saved when the job ended (null when the job failed before reading it).
    void finished(bs::ui::JobId id, bs::ui::JobKind kind, bs::ui::JobOutcome outcome,
                  const bs::ui::StudySnapshot& study);

private:
    template <typename Body>
    void runLocked(JobId id, JobKind kind, const QString& path, const CancelToken& token,
                   Body&& body);
};

// The values of pair (i, j) in `study`, for the GUI's copy.
PairUpdate makePairUpdate(const Study& study, int64_t i, int64_t j);
EvalUpdate makeEvalUpdate(const Study& study, int64_t model);

} // namespace bs::ui
