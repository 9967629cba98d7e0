#include "app/gui/hessian_runner.h"

#include "app/gui/compute_worker.h"
#include "app/gui/models_panel.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/jobs/study_session.h"

#include <QAction>
#include <QTableView>
#include <QToolBar>

namespace bs::ui {

HessianRunner::HessianRunner(StudyDocument* document, StudyJobRunner* runner, ModelsPanel* models,
                             QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner)
    , m_models(models)
    , m_action(new QAction(tr("Compute &Hessian"), this))
    , m_densityAction(new QAction(tr("Compute Hessian with &Density"), this)) {
    m_action->setToolTip(tr("Top eigenvalue and trace of the loss Hessian of the selected models "
                            "(all when none is selected) on the surface dataset, stored in the "
                            "study"));
    models->view()->addAction(m_action);
    models->toolBar()->addAction(m_action);
    m_densityAction->setToolTip(
        tr("As Compute Hessian, and the eigenvalue density (stochastic Lanczos quadrature, "
           "3 runs of 30 steps: about three times the work), drawn in the Hessian tab"));
    models->view()->addAction(m_densityAction);
    for (QAction* action : {m_action, m_densityAction})
        connect(action, &QAction::triggered, this, [this, action] {
            const Study& study = m_document->study();
            std::vector<std::string> names;
            for (int64_t m : m_models->selectedModels())
                names.push_back(study.models[size_t(m)].name);
            if (!compute(names, action == m_densityAction ? densityOptions() : HessianOptions()))
                emit statusMessage(StudyJobRunner::busyMessage());
        });
}

HessianOptions HessianRunner::densityOptions() {
    HessianOptions options;
    options.densityRuns = 3;
    return options;
}

bool HessianRunner::compute(const std::vector<std::string>& models, const HessianOptions& options) {
    HessianRequest request;
    request.models = models;
    request.options = options;
    StudyJobHandle* job = m_runner->run(
        JobKind::Hessian, tr("Computing the Hessian"), [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            // Kept in the study and saved after each model: a cancelled job keeps what
            // finished, and a model already computed with these settings is not computed again.
            computeStoredHessians(context.study, session, request, context.hooks,
                                  [&](const ModelHessian& result, bool) {
                                      context.post(QVariant::fromValue(result));
                                  });
        });
    if (!job)
        return false; // another job runs (perhaps this runner's): its state stays
    m_running = true;
    job->onResult<ModelHessian>(this, [this](const ModelHessian& result) { onResult(result); });
    connect(job, &StudyJobHandle::finished, this, [this](JobOutcome outcome) {
        m_running = false;
        emit finished(outcome);
    });
    return true;
}

void HessianRunner::onResult(const ModelHessian& result) {
    // A model computed again replaces its earlier result.
    std::vector<ModelHessian> results = m_models->hessian();
    std::erase_if(results, [&](const ModelHessian& r) {
        return r.model == result.model && r.group == result.group;
    });
    results.push_back(result);
    m_models->setHessian(std::move(results));
}

} // namespace bs::ui
