#pragma once
// The Hessian spectrum of a study's models (PyHessian: top eigenvalues by Lanczos, trace by
// Hutchinson), the job behind `basinscope-cli hessian` and the GUI's Compute Hessian. The
// results are not stored in the study.

#include "core/landscape/hessian.h"

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

} // namespace bs
