#pragma once
// Bootstrap intervals of a study's barrier metrics over evaluation examples, and how stable
// each model's cluster is under resampling, from the stored per-example losses.

#include "core/analysis/bootstrap_intervals.h"
#include "core/analysis/matrix.h"
#include "core/common/progress.h"
#include "core/jobs/cluster_job.h"

#include <string>
#include <vector>

namespace bs {

class ExampleLossStore;

struct BootstrapRequest {
    std::string dataset; // default: the surface dataset
    BootstrapOptions options;
    // Cluster stability on this clustering's matrix (cg, bh, peak_excess or auc of `dataset`);
    // k < 2 skips it.
    ClusterRequest cluster;
    // Memory for the per-resample metric tables of stability; resamples are processed in blocks
    // that fit it, each block reading the clustered pairs again.
    int64_t stabilityBytes = int64_t(256) << 20;
};

// Interval matrices [N, N] of one metric (NaN where a pair has no per-example losses).
struct IntervalMatrices {
    Matrix low, high;
};

struct ClusterStability {
    ClusteringResult clustering; // on the stored matrix: the reference
    std::vector<double> keep;    // per clustered model: fraction of resamples that keep it
                                 // in its cluster (labels matched to the reference)
    std::string skipped;         // why stability was not computed (empty when it was)
};

struct BootstrapResult {
    std::string dataset;
    BootstrapOptions options;
    int64_t examples = 0;
    int64_t pairs = 0;                // pairs with intervals
    int64_t pairsWithoutExamples = 0; // complete curves whose per-example losses are missing
    IntervalMatrices barrierHeight, convexityGap, peakExcess, auc;
    ClusterStability stability;
    bool complete = false; // false when cancelled (the pairs done keep their intervals)
};

// Reads each computed pair's per-example losses from `store` one pair at a time (memory: the
// resample counts, 8 x resamples x examples bytes, plus one metric value per resample for the
// pairs among the clustered models), and computes percentile intervals of the four barrier
// metrics. Cancelling stops between pairs.
BootstrapResult computeBootstrap(const Study& study, const ExampleLossStore& store,
                                 const BootstrapRequest& request, const Progress& progress = {});

// Matches `labels` to `reference` (both in 0..k-1) by the permutation of cluster names with the
// most agreements (all k! permutations up to k = 7, else greedily); returns the relabelled
// labels.
std::vector<int64_t> alignLabels(const std::vector<int64_t>& labels,
                                 const std::vector<int64_t>& reference, int64_t k);

// "low,high" CSV of every pair: first,second,metric,estimate,low,high.
std::string bootstrapCsv(const Study& study, const BootstrapResult& result);

} // namespace bs
