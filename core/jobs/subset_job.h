#pragma once
// Barrier metrics of a subset of a dataset's examples (e.g. one HANS heuristic), computed from
// the stored per-example losses: no model is evaluated again.

#include "core/common/progress.h"
#include "core/study/study.h"

#include <string>
#include <utility>
#include <vector>

namespace bs {

class ExampleLossStore;

struct SubsetRequest {
    std::string dataset; // default: the surface dataset
    // Conditions that must all hold: a column of the source file (e.g. HANS "heuristic") or
    // "label" (the gold label's name) equal to a value.
    std::vector<std::pair<std::string, std::string>> where;
};

struct SubsetResult {
    std::string dataset;
    std::vector<int64_t> examples; // indices into the study's sample of the dataset
    DerivedMatrices matrices;      // [N, N], NaN where a pair has no per-example losses
    int64_t pairs = 0;
    int64_t pairsWithoutExamples = 0;
};

// Throws bs::Error naming the column when no example has it, and when no example matches.
SubsetResult computeSubsetMatrices(const Study& study, const ExampleLossStore& store,
                                   const SubsetRequest& request, const Progress& progress = {});

// first,second,barrier_height,convexity_gap,peak_excess,auc for every pair with values.
std::string subsetCsv(const Study& study, const SubsetResult& result);

} // namespace bs
