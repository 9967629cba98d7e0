#include "app/gui/job_controller.h"

namespace bs::ui {

JobController::JobController(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<bs::ui::JobId>("bs::ui::JobId");
    qRegisterMetaType<bs::ui::EvalUpdate>();
    qRegisterMetaType<bs::ui::PairUpdate>();
    qRegisterMetaType<bs::ui::StudySnapshot>();
    qRegisterMetaType<bs::ui::JobKind>();
    qRegisterMetaType<bs::ui::JobOutcome>();
    m_thread.setObjectName(QStringLiteral("basinscope-compute"));
    m_worker = new ComputeWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    // Everything arrives queued on the GUI thread; the id test drops stale results.
    connect(m_worker, &ComputeWorker::started, this, [this](JobId id, JobKind kind) {
        if (id == m_current)
            emit jobStarted(kind);
    });
    connect(m_worker, &ComputeWorker::progress, this,
            [this](JobId id, qint64 done, qint64 total, const QString& message, double left) {
                if (id == m_current)
                    emit progress(done, total, message, left);
            });
    connect(m_worker, &ComputeWorker::evalReady, this, [this](JobId id, const EvalUpdate& u) {
        if (id == m_current)
            emit evalReady(u);
    });
    connect(m_worker, &ComputeWorker::pairReady, this, [this](JobId id, const PairUpdate& u) {
        if (id == m_current)
            emit pairReady(u);
    });
    connect(m_worker, &ComputeWorker::resultReady, this, [this](JobId id, const QVariant& r) {
        if (id == m_current)
            emit resultReady(m_kind, r);
    });
    connect(m_worker, &ComputeWorker::failed, this, [this](JobId id, const QString& message) {
        if (id == m_current)
            emit jobFailed(m_kind, message);
    });
    connect(m_worker, &ComputeWorker::finished, this,
            [this](JobId id, JobKind kind, JobOutcome outcome, const StudySnapshot& study) {
                if (id != m_current)
                    return;
                m_current = 0;
                m_finished = id;
                emit busyChanged(false);
                emit jobFinished(kind, outcome, study);
            });
    m_thread.start();
}

JobController::~JobController() {
    m_token.cancel();
    m_current = 0;
    m_thread.quit();
    m_thread.wait();
}

template <typename Call>
JobId JobController::start(JobKind kind, Call&& call, const QString& title) {
    if (busy())
        return 0;
    const JobId id = m_next++;
    m_current = id;
    m_kind = kind;
    m_title = title;
    m_token = CancelToken(); // a fresh flag: the previous job may still be winding down
    const CancelToken token = m_token;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, id, token, call = std::forward<Call>(call)] {
            call(worker, id, token);
        },
        Qt::QueuedConnection);
    emit busyChanged(true);
    return id;
}

JobId JobController::createStudy(const QString& path, const NewStudyOptions& options) {
    return start(JobKind::CreateStudy,
                 [path, options](ComputeWorker* w, JobId id, const CancelToken&) {
                     w->runCreate(id, path, options);
                 });
}

JobId JobController::editStudy(const QString& path, const StudyEdit& edit) {
    return start(JobKind::EditStudy, [path, edit](ComputeWorker* w, JobId id, const CancelToken&) {
        w->runEdit(id, path, edit);
    });
}

JobId JobController::evaluate(const QString& path, const std::vector<std::string>& models,
                              const ComputeSettings& settings) {
    return start(JobKind::Evaluate,
                 [path, models, settings](ComputeWorker* w, JobId id, const CancelToken& token) {
                     w->runEvaluate(id, path, models, settings, token);
                 });
}

JobId JobController::computeCurves(const QString& path, const std::vector<NamedPair>& pairs,
                                   const ComputeSettings& settings) {
    return start(JobKind::Curves,
                 [path, pairs, settings](ComputeWorker* w, JobId id, const CancelToken& token) {
                     w->runCurves(id, path, pairs, settings, token);
                 });
}

JobId JobController::runStudyJob(JobKind kind, const QString& title, const QString& path,
                                 StudyJobBody body, const ComputeSettings& settings) {
    return start(
        kind,
        [kind, path, body = std::move(body), settings](ComputeWorker* w, JobId id,
                                                       const CancelToken& token) {
            w->runStudyJob(id, kind, path, body, settings, token);
        },
        title);
}

void JobController::cancel() {
    m_token.cancel();
}

void JobController::abandon() {
    m_token.cancel();
    if (m_current != 0) {
        m_current = 0;
        emit busyChanged(false);
    }
}

} // namespace bs::ui
