#pragma once
// The study computations: per-model evaluations, interpolation curves, derived matrices.

#include "core/common/progress.h"
#include "core/landscape/pair_schedule.h"
#include "core/study/study.h"
#include "core/study/study_writer.h"

#include <functional>
#include <vector>

namespace bs {

class ExampleLossStore;
class StudySession;

// How a job reports: progress in batches (with a message), a save after every finished
// unit (a model, a pair, a plane level) that says what the unit changed, so that the save
// writes only that (see StudyWriter), and per-unit notifications for live views.
struct JobHooks {
    Progress progress;
    std::function<void(const StudyChange&)> persist;
    std::function<void(int64_t model)> modelEvaluated;
    std::function<void(const ModelPair& pair)> pairFinished;
    // When set, every example's loss at every point computed is kept there too, and models and
    // pairs that lack them are evaluated again for them (values equal to the stored ones).
    ExampleLossStore* exampleLosses = nullptr;
};

// Records the session's precision in the study (saving it), or throws bs::Error when the study
// holds results of another precision: one study never mixes them.
void adoptPrecision(Study& study, const StudySession& session, const JobHooks& hooks);

// Evaluates `models` (empty = all) on every dataset; skips models already evaluated on
// every dataset unless `force`. Stops between models when cancelled (finished ones kept).
void evaluateModels(Study& study, StudySession& session, std::vector<int64_t> models, bool force,
                    const JobHooks& hooks);

// Computes the interpolation curves of `pairs` on every dataset. Missing endpoint
// evaluations are computed first (endpoints are never recomputed for a curve). Pairs whose
// points are all present are skipped, partially computed ones resume at their missing
// points. The order follows the model cache (see schedulePairs). Cancellation finishes the
// point in flight, keeps it, saves, and throws bs::Cancelled. Distances of the pairs are
// filled in on the way, and the pair's cells of the derived matrices are updated after it.
void computeCurves(Study& study, StudySession& session, std::vector<ModelPair> pairs,
                   const JobHooks& hooks);

// Euclidean distances for every pair that has none yet (loads models as needed).
void computeDistances(Study& study, StudySession& session, const JobHooks& hooks);

// Pairs by model names ("a:b" or "a,b" strings already split): unknown names are an error
// listing the study's models.
std::vector<ModelPair> pairsByName(const Study& study,
                                   const std::vector<std::pair<std::string, std::string>>& names);

} // namespace bs
