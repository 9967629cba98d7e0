#pragma once
// The Hessian spectrum of a study's models (PyHessian: top eigenvalues by Lanczos, trace by
// Hutchinson, density by stochastic Lanczos quadrature), the job behind `basinscope-cli hessian`
// and the GUI's Compute Hessian, with or without storing the results in the study.

#include "core/landscape/hessian.h"

#include "core/jobs/study_jobs.h"

#include <functional>
#include <string>
#include <vector>

namespace bs {

class Progress;
class StudySession;
struct Study;

struct HessianRequest {
    std::vector<std::string> models; // default: every model of the study
    std::string dataset;             // default: the surface dataset
    std::vector<std::string> groups; // parameter name prefixes; default: all parameters
    HessianOptions options;
};

struct ModelHessian {
    std::string model;
    std::string dataset;
    std::string group; // "" for all parameters
    HessianValue value;
};

// The request with its defaults filled in; bs::Error names an unknown model or dataset.
HessianRequest resolveHessianRequest(const Study& study, HessianRequest request);

// Every model of the (resolved) request and every group, one after the other; `done` is called
// after each, so that a caller keeps what finished when `progress` cancels (bs::Cancelled).
std::vector<ModelHessian>
computeHessians(const Study& study, StudySession& session, const HessianRequest& request,
                const Progress& progress,
                const std::function<void(const ModelHessian&)>& done = {});

// As computeHessians, but kept in `study.hessians` (recordHessian) and saved with
// hooks.persist after each (model, group), so that a cancelled run (bs::Cancelled from
// hooks.progress) keeps what finished; units the study already holds with these settings are
// not computed again, so a rerun continues where the last one stopped. `done` is called for
// every unit in order, with `stored` true for those taken from the study. A (model, dataset)
// result of other settings is replaced by the first unit computed.
void computeStoredHessians(Study& study, StudySession& session, const HessianRequest& request,
                           const JobHooks& hooks,
                           const std::function<void(const ModelHessian&, bool stored)>& done = {});

} // namespace bs
