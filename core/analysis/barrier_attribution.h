#pragma once
// Which parameter groups carry a barrier: the loss along the line between two models when
// only one group moves, and when every group but one moves.

#include "core/analysis/barriers.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

// One parameter group's two partial paths. "Only" moves the group from the first model to
// the second and keeps the rest at the first model; "all but" moves everything except the
// group. Values are NaN where not computed (a cancelled job).
struct GroupAttribution {
    std::string group;
    int64_t scalars = 0;
    std::vector<double> onlyLoss, onlyMetric;
    std::vector<double> allButLoss, allButMetric;
    BarrierMetrics only, allBut;
};

struct BarrierAttribution {
    std::string first, second, dataset;
    std::string metricName; // the dataset's primary metric, e.g. "accuracy"
    std::vector<double> alphas;
    std::vector<double> loss, metric; // the plain straight line (every group moves)
    BarrierMetrics plain;
    std::vector<GroupAttribution> groups;
    bool complete = false; // false when cancelled before every path was computed
};

// Fills the barrier metrics of the plain curve and of every group's paths (NaN while a
// path has a missing point).
void updateAttributionMetrics(BarrierAttribution& attribution);

// One row per (path, alpha): path ("line", "only", "all but"), group, the scalars that move,
// alpha, loss and the dataset's metric. Comma-separated with a header line.
std::string attributionCsv(const BarrierAttribution& attribution);
// One row per path: path, group, scalars, barrier_height, convexity_gap, peak_excess, auc.
std::string attributionSummaryCsv(const BarrierAttribution& attribution);

} // namespace bs
