#pragma once
// ComputeWorker: runs the study jobs of core on its own thread and reports as queued signals.

#include "app/gui/job_types.h"
#include "core/common/progress.h"

#include <QObject>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace bs::ui {

using NamedPair = std::pair<std::string, std::string>;

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

signals:
    void started(bs::ui::JobId id, bs::ui::JobKind kind);
    // Throttled to ~20 per second; secondsLeft < 0 when unknown.
    void progress(bs::ui::JobId id, qint64 done, qint64 total, const QString& message,
                  double secondsLeft);
    void evalReady(bs::ui::JobId id, const bs::ui::EvalUpdate& update);
    void pairReady(bs::ui::JobId id, const bs::ui::PairUpdate& update);
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
