#pragma once
// Epsilon-sharpness of study models, stored in the study (the paper's baseline).

#include "core/jobs/study_jobs.h"
#include "core/landscape/sharpness.h"

#include <string>

namespace bs {

struct SharpnessRequest {
    std::string model;
    std::string dataset; // default: the surface dataset
    SharpnessOptions options;
};

// Computes and stores (replacing the same model/dataset/epsilon/steps) one model's sharpness.
SharpnessResult computeSharpness(Study& study, StudySession& session,
                                 const SharpnessRequest& request, const JobHooks& hooks);

} // namespace bs
