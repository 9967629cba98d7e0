#pragma once
// Flipped examples of one pair of a study: which examples change their predicted label along
// the line between the two models, and at which alpha.

#include "core/analysis/flipped_examples.h"
#include "core/common/progress.h"

#include <string>

namespace bs {

struct Study;
class StudySession;

struct FlipRequest {
    std::string first, second;
    std::string dataset; // default: the study's first diagnostic dataset, else the surface one
    int64_t points = 0;  // default: the study's points per curve
};

// Predicts every example of the dataset at each alpha and keeps those whose label changes,
// with their text (read again from the dataset's file) and gold label. Cancelling stops
// between points and returns the flips among the points done, with `complete` false.
FlipAnalysis computeFlips(const Study& study, StudySession& session, const FlipRequest& request,
                          const Progress& progress = {});

} // namespace bs
