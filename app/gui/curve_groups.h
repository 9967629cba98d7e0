#pragma once
// Grouping model pairs by a model score (the paper's Figure 1): within the top-k models,
// within the bottom-k, and across the two groups, with mean curves and bands.

#include "core/landscape/pair_schedule.h"
#include "core/study/study.h"

#include <vector>

namespace bs::ui {

struct PairGroups {
    std::vector<int64_t> top;    // the k models with the highest score, best first
    std::vector<int64_t> bottom; // the k models with the lowest score, worst first
    std::vector<ModelPair> withinTop;
    std::vector<ModelPair> withinBottom;
    std::vector<ModelPair> across; // (top model, bottom model): alpha 0 is the top model
};

// Models with a NaN score take no part; k is reduced to half of the scored models so that the
// groups never overlap. Ties keep model order.
PairGroups groupPairs(const std::vector<double>& score, int k);

// Point-wise mean and mean +- one (population) standard deviation, clipped to the lowest and
// highest value at that point, over the pairs whose curve is complete; `pairs` counts them.
// Empty vectors when no pair is complete.
struct MeanCurve {
    std::vector<double> mean, low, high;
    int64_t pairs = 0;
};
MeanCurve meanCurve(const CurveSet& curves, const std::vector<ModelPair>& pairs, bool metric);

} // namespace bs::ui
