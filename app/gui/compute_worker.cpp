#include "app/gui/compute_worker.h"

#include "app/gui/progress_throttle.h"
#include "app/gui/study_edit.h"
#include "core/common/error.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"

#include <QDir>
#include <QFileInfo>

#include <memory>

namespace bs::ui {

namespace {

const char* kLockPurpose = "basinscope GUI";

std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(path.toStdString());
}

ComputeOptions computeOptions(const ComputeSettings& settings) {
    ComputeOptions options;
    options.batchSize = settings.batchSize;
    options.memoryBytes = settings.memoryBytes;
    if (!settings.precision.empty())
        options.precision = parsePrecision(settings.precision);
    return options;
}

} // namespace

PairUpdate makePairUpdate(const Study& study, int64_t i, int64_t j) {
    PairUpdate update;
    update.i = i;
    update.j = j;
    if (study.distance.rows == int64_t(study.models.size()))
        update.distance = study.distance(i, j);
    for (const DatasetEntry& dataset : study.datasets) {
        PairDatasetValues values;
        values.dataset = dataset.name;
        const auto curves = study.curves.find(dataset.name);
        if (curves != study.curves.end() && curves->second.models == int64_t(study.models.size())) {
            values.loss = curves->second.lossCurve(i, j);
            values.metric = curves->second.metricCurve(i, j);
        }
        const auto matrices = study.matrices.find(dataset.name);
        if (matrices != study.matrices.end()) {
            const DerivedMatrices& m = matrices->second;
            auto take = [&](const Matrix& matrix, double(&out)[2]) {
                if (matrix.rows == int64_t(study.models.size())) {
                    out[0] = matrix(i, j);
                    out[1] = matrix(j, i);
                }
            };
            take(m.barrierHeight, values.barrierHeight);
            take(m.convexityGap, values.convexityGap);
            take(m.peakExcess, values.peakExcess);
            take(m.auc, values.auc);
        }
        update.datasets.push_back(std::move(values));
    }
    return update;
}

EvalUpdate makeEvalUpdate(const Study& study, int64_t model) {
    EvalUpdate update;
    update.model = model;
    update.contentHash = study.models[size_t(model)].contentHash;
    for (const DatasetEntry& dataset : study.datasets) {
        update.datasets.push_back(dataset.name);
        const auto it = study.evaluations.find(dataset.name);
        update.evaluations.push_back(it != study.evaluations.end() &&
                                             size_t(model) < it->second.size()
                                         ? it->second[size_t(model)]
                                         : Evaluation{});
    }
    return update;
}

ComputeWorker::ComputeWorker(QObject* parent)
    : QObject(parent) {}

template <typename Body>
void ComputeWorker::runLocked(JobId id, JobKind kind, const QString& path, const CancelToken& token,
                              Body&& body) {
    emit started(id, kind);
    auto study = std::make_shared<Study>();
    bool read = false;
    JobOutcome outcome = JobOutcome::Completed;
    QString error;
    try {
        if (token.cancelled())
            throw Cancelled();
        // The lock is released (end of this block, or unwinding) before `finished` is sent,
        // so the GUI may reopen or lock the file as soon as it hears of it.
        StudyLock lock(toPath(path), kLockPurpose);
        *study = readStudy(toPath(path));
        // Closed (and flushed to disk) before the lock is released.
        StudyWriter writer(toPath(path));
        read = true;
        auto throttle = std::make_shared<ProgressThrottle>();
        ProgressFn report = [this, id, throttle, token](int64_t done, int64_t total,
                                                        const std::string& message) {
            if (throttle->accept(done, total))
                emit progress(id, done, total, QString::fromStdString(message),
                              throttle->secondsLeft(done, total));
            return !token.cancelled();
        };
        JobHooks hooks;
        hooks.progress = Progress(report, token);
        hooks.persist = [&study, &writer](const StudyChange& change) {
            writer.save(*study, change);
        };
        hooks.modelEvaluated = [this, id, &study](int64_t model) {
            emit evalReady(id, makeEvalUpdate(*study, model));
        };
        hooks.pairFinished = [this, id, &study](const ModelPair& pair) {
            emit pairReady(id, makePairUpdate(*study, pair.first, pair.second));
        };
        body(*study, hooks);
    } catch (const Cancelled&) {
        // Whatever finished was saved by the job before it stopped.
        outcome = JobOutcome::Cancelled;
    } catch (const std::exception& e) {
        outcome = JobOutcome::Failed;
        error = QString::fromStdString(e.what());
    }
    if (outcome == JobOutcome::Failed)
        emit failed(id, error);
    // After a failure the file holds what was saved last; the GUI rereads it.
    const bool keep = read && outcome != JobOutcome::Failed;
    emit finished(id, kind, outcome, keep ? StudySnapshot(study) : StudySnapshot());
}

void ComputeWorker::runCreate(JobId id, const QString& path, const NewStudyOptions& options) {
    emit started(id, JobKind::CreateStudy);
    try {
        emit progress(id, 0, 1, tr("Reading model configs and datasets…"), -1);
        auto study = std::make_shared<Study>(buildStudy(options));
        const QFileInfo info(path);
        if (!info.dir().exists())
            throw Error(path.toStdString() + ": folder " + info.dir().path().toStdString() +
                        " does not exist");
        {
            StudyLock lock(toPath(path), kLockPurpose);
            writeStudy(*study, toPath(path));
        }
        emit progress(id, 1, 1, tr("Study created"), 0);
        emit finished(id, JobKind::CreateStudy, JobOutcome::Completed, study);
    } catch (const std::exception& e) {
        emit failed(id, QString::fromStdString(e.what()));
        emit finished(id, JobKind::CreateStudy, JobOutcome::Failed, StudySnapshot());
    }
}

void ComputeWorker::runEdit(JobId id, const QString& path, const StudyEdit& edit) {
    runLocked(id, JobKind::EditStudy, path, CancelToken(),
              [&](Study& study, const JobHooks& hooks) {
                  applyStudyEdit(study, edit, path.toStdString());
                  hooks.persist(StudyChange::everything());
              });
}

void ComputeWorker::runEvaluate(JobId id, const QString& path,
                                const std::vector<std::string>& models,
                                const ComputeSettings& settings, const CancelToken& token) {
    runLocked(id, JobKind::Evaluate, path, token, [&](Study& study, const JobHooks& hooks) {
        std::vector<int64_t> indices;
        for (const std::string& name : models) {
            const int64_t index = study.modelIndex(name);
            if (index < 0)
                throw Error("no model '" + name + "' in " + path.toStdString());
            indices.push_back(index);
        }
        emit progress(id, 0, 0, tr("Loading datasets…"), -1);
        StudySession session(study, computeOptions(settings));
        evaluateModels(study, session, indices, false, hooks);
    });
}

void ComputeWorker::runCurves(JobId id, const QString& path, const std::vector<NamedPair>& pairs,
                              const ComputeSettings& settings, const CancelToken& token) {
    runLocked(id, JobKind::Curves, path, token, [&](Study& study, const JobHooks& hooks) {
        const std::vector<ModelPair> chosen =
            pairs.empty() ? allPairs(int64_t(study.models.size())) : pairsByName(study, pairs);
        emit progress(id, 0, 0, tr("Loading datasets…"), -1);
        StudySession session(study, computeOptions(settings));
        computeCurves(study, session, chosen, hooks);
    });
}

void ComputeWorker::runStudyJob(JobId id, JobKind kind, const QString& path,
                                const StudyJobBody& body, const ComputeSettings& settings,
                                const CancelToken& token) {
    runLocked(id, kind, path, token, [&](Study& study, const JobHooks& hooks) {
        StudyJobContext context{study, hooks, computeOptions(settings),
                                [this, id](const QVariant& result) {
                                    emit resultReady(id, result);
                                }};
        body(context);
    });
}

} // namespace bs::ui
