#pragma once
// Epsilon-sharpness of study models, stored in the study (the paper's baseline).

#include "core/jobs/study_jobs.h"
#include "core/landscape/sharpness.h"

#include <functional>
#include <string>
#include <vector>

namespace bs {

struct SharpnessRequest {
    std::string model;
    std::string dataset; // default: the surface dataset
    SharpnessOptions options;
};

// Computes and stores (replacing the same model/dataset/epsilon/steps) one model's sharpness.
SharpnessResult computeSharpness(Study& study, StudySession& session,
                                 const SharpnessRequest& request, const JobHooks& hooks);

// The same for each of `models` (empty: every model of the study) in turn, each stored as it
// finishes, so a cancelled job keeps the models done. `each` (optional) sees every result.
void computeSharpnessOfModels(Study& study, StudySession& session, std::vector<std::string> models,
                              const std::string& dataset, const SharpnessOptions& options,
                              const JobHooks& hooks,
                              const std::function<void(const SharpnessResult&)>& each = {});

} // namespace bs
