#pragma once
// HessianRunner: the Models table's Compute Hessian action, run as a background study job.

#include "app/gui/job_types.h"
#include "core/jobs/hessian_job.h"

#include <QObject>

#include <string>
#include <vector>

Q_DECLARE_METATYPE(bs::ModelHessian)

class QAction;

namespace bs::ui {

class ModelsPanel;
class StudyDocument;
class StudyJobRunner;

// Computes the top Hessian eigenvalues and trace (core/jobs/hessian_job.h, the CLI's defaults)
// of the models selected in the table, or of every model when none is, on the surface dataset.
// Each model's result reaches the table as soon as it is finished and is stored in the study
// file (core/study/hessian_store.h); a cancelled job keeps the finished ones, and a model
// already computed with the same settings is taken from the study, not computed again.
class HessianRunner : public QObject {
    Q_OBJECT
public:
    // Adds its actions to `models` (the table's context menu and tool bar), whose Hessian
    // columns it fills.
    HessianRunner(StudyDocument* document, StudyJobRunner* runner, ModelsPanel* models,
                  QObject* parent = nullptr);

    QAction* action() const { return m_action; }
    // The same, with the eigenvalue density (stochastic Lanczos quadrature, densityOptions()).
    QAction* densityAction() const { return m_densityAction; }
    // The CLI's defaults with `basinscope-cli hessian --density 3`.
    static HessianOptions densityOptions();
    // Starts the job for these models (all when empty); false when none started.
    bool compute(const std::vector<std::string>& models,
                 const HessianOptions& options = HessianOptions());

signals:
    void finished(bs::ui::JobOutcome outcome);
    void statusMessage(const QString& text);

private:
    void onResult(const ModelHessian& result);

    StudyDocument* m_document;
    StudyJobRunner* m_runner;
    ModelsPanel* m_models;
    QAction* m_action;
    QAction* m_densityAction;
    bool m_running = false;
};

} // namespace bs::ui
