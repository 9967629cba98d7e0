#include "app/gui/bootstrap_runner.h"

#include "app/gui/compute_worker.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/study/example_loss_store.h"

namespace bs::ui {

BootstrapRunner::BootstrapRunner(StudyDocument* document, StudyJobRunner* runner, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner) {
    connect(m_document, &StudyDocument::studyReset, this, [this] {
        // Intervals belong to the study they were computed on: another file drops them.
        if (m_result && m_document->path() != m_resultPath) {
            m_result.reset();
            emit resultChanged();
        }
        emit availabilityChanged();
    });
}

bool BootstrapRunner::available() const {
    const StudyDocument* document = m_document;
    return document->isOpen() &&
           ExampleLossStore::exists(std::filesystem::path(document->path().toStdString()));
}

bool BootstrapRunner::start(const QString& dataset) {
    if (m_running || !available())
        return false;
    BootstrapRequest request;
    request.dataset = dataset.toStdString();
    request.cluster.k = 0; // no stability unless a clustering is shown
    if (const ClusteringResult* shown = m_document->shownClustering();
        shown && shown->matrix != matrixId(MatrixKind::Distance)) {
        request.cluster.matrix = shown->matrix;
        request.cluster.dataset = shown->dataset;
        request.cluster.k = shown->k;
        request.cluster.delta = shown->delta;
    }
    const std::filesystem::path file(m_document->path().toStdString());
    StudyJobHandle* job =
        m_runner->run(JobKind::Bootstrap, tr("Bootstrapping intervals"),
                      [request, file](StudyJobContext& context) {
                          const ExampleLossStore store(file, context.study, /*create=*/false);
                          const BootstrapResult result = computeBootstrap(
                              context.study, store, request, context.hooks.progress);
                          context.post(QVariant::fromValue(result));
                          // A cancelled bootstrap returns the pairs done: post them, then end as
                          // cancelled.
                          context.hooks.progress.checkCancelled();
                      });
    if (!job)
        return false;
    m_running = true;
    job->onResult<BootstrapResult>(this, [this](const BootstrapResult& result) {
        m_result = result;
        m_resultPath = m_document->path();
        emit resultChanged();
    });
    connect(job, &StudyJobHandle::finished, this, [this](JobOutcome outcome) {
        m_running = false;
        emit finished(outcome);
    });
    return true;
}

} // namespace bs::ui
