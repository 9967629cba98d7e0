#include "app/gui/hessian_runner.h"

#include "app/gui/compute_worker.h"
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/study_document.h"
#include "core/jobs/study_session.h"

#include <QAction>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace bs::ui {

HessianRunner::HessianRunner(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_action(new QAction(tr("Compute &Hessian"), this))
    , m_densityAction(new QAction(tr("Compute Hessian with &Density"), this)) {
    m_action->setToolTip(tr("Top eigenvalue and trace of the loss Hessian of the selected models "
                            "(all when none is selected) on the surface dataset, stored in the "
                            "study"));
    ModelsPanel* models = window->modelsPanel();
    models->view()->addAction(m_action);
    models->toolBar()->addAction(m_action);
    m_densityAction->setToolTip(
        tr("As Compute Hessian, and the eigenvalue density (stochastic Lanczos quadrature, "
           "3 runs of 30 steps: about three times the work), drawn in the Hessian tab"));
    models->view()->addAction(m_densityAction);
    for (QAction* action : {m_action, m_densityAction})
        connect(action, &QAction::triggered, this, [this, action] {
            const Study& study = m_window->document()->study();
            std::vector<std::string> names;
            for (int64_t m : m_window->modelsPanel()->selectedModels())
                names.push_back(study.models[size_t(m)].name);
            if (!compute(names, action == m_densityAction ? densityOptions() : HessianOptions()))
                m_window->statusBar()->showMessage(
                    tr("Another job is running; try again when it has finished."), 5000);
        });
    connect(window->jobs(), &JobController::resultReady, this,
            [this](JobKind kind, const QVariant& value) {
                if (kind == JobKind::Hessian && value.canConvert<ModelHessian>())
                    onResult(value.value<ModelHessian>());
            });
    connect(window, &MainWindow::jobDone, this, [this](JobKind kind, JobOutcome outcome) {
        if (kind != JobKind::Hessian || !m_running)
            return;
        m_running = false;
        emit finished(outcome);
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
    const JobId id = m_window->runStudyJob(
        JobKind::Hessian, tr("Computing the Hessian"), [request](StudyJobContext& context) {
            StudySession session(context.study, context.options);
            // Kept in the study and saved after each model: a cancelled job keeps what
            // finished, and a model already computed with these settings is not computed again.
            computeStoredHessians(context.study, session, request, context.hooks,
                                  [&](const ModelHessian& result, bool) {
                                      context.post(QVariant::fromValue(result));
                                  });
        });
    if (id == 0)
        return false; // another job runs (perhaps this runner's): its state stays
    m_running = true;
    return true;
}

void HessianRunner::onResult(const ModelHessian& result) {
    // A model computed again replaces its earlier result.
    std::vector<ModelHessian> results = m_window->modelsPanel()->hessian();
    std::erase_if(results, [&](const ModelHessian& r) {
        return r.model == result.model && r.group == result.group;
    });
    results.push_back(result);
    m_window->modelsPanel()->setHessian(std::move(results));
}

} // namespace bs::ui
