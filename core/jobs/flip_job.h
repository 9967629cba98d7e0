#pragma once
// Flipped examples of one pair of a study: which examples change their predicted label along
// the line between the two models, and at which alpha.

#include "core/analysis/flipped_examples.h"
#include "core/common/progress.h"

#include <string>
#include <vector>

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

// The examples on which the majority predictions of two groups of models (e.g. two clusters)
// differ, each model evaluated as it is (no interpolation). Cancelling stops between models
// and throws bs::Cancelled.
GroupFlipAnalysis computeGroupFlips(const Study& study, StudySession& session,
                                    const std::vector<std::string>& first,
                                    const std::vector<std::string>& second,
                                    const std::string& dataset = {}, const Progress& progress = {});

} // namespace bs
