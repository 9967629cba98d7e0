#pragma once
// Model soups of a study's models: a chosen selection, or within- against across-basin soups
// of a clustering.

#include "core/analysis/model_soup.h"
#include "core/common/progress.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs {

struct Study;
class StudySession;

struct SoupRequest {
    std::vector<std::string> models; // at least one
    std::string name;                // default: "soup of a, b, c"
    std::filesystem::path saveTo;    // empty: not saved; else a new checkpoint folder
};

// Averages the models' weights (averageWeights), evaluates the soup on every dataset of the
// study, and saves it as a checkpoint (safetensors, with the first model's config and
// tokenizer files) when asked. Nothing is written to the study.
SoupEvaluation computeSoup(const Study& study, StudySession& session, const SoupRequest& request,
                           const Progress& progress = {});

// Adds a saved soup (savedTo set) to the study as a model of its own, with the evaluations it
// was given, so that it appears beside its ingredients in every view and its curves can be
// computed. Throws bs::Error when it was not saved or its folder's name is taken.
void addSoupModel(Study& study, const SoupEvaluation& soup);

// For a clustering of `models` (labels in the same order): the within and across soups of
// withinAcrossSelections, evaluated. Cancelling returns the soups finished so far.
std::vector<SoupEvaluation> computeBasinSoups(const Study& study, StudySession& session,
                                              const std::vector<std::string>& models,
                                              const std::vector<int64_t>& labels,
                                              const Progress& progress = {});

} // namespace bs
