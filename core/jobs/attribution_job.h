#pragma once
// Barrier attribution of one pair of a study: which parameter groups carry its barrier.

#include "core/analysis/barrier_attribution.h"
#include "core/common/progress.h"

#include <string>

namespace bs {

struct Study;
class StudySession;

struct AttributionRequest {
    std::string first, second;
    std::string dataset; // default: the study's surface dataset
    int64_t points = 0;  // default: the study's points per curve
};

// Resolves the request against the study and runs attributeBarrier (see attribution_paths.h)
// in the session's parameter space and precision. Cancelling returns the paths done so far
// with `complete` false.
BarrierAttribution computeAttribution(const Study& study, StudySession& session,
                                      const AttributionRequest& request,
                                      const Progress& progress = {});

} // namespace bs
