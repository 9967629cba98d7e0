#pragma once
// k-means with scikit-learn 1.2's KMeans semantics (k-means++ init, Lloyd, n_init restarts).

#include "core/analysis/matrix.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bs {

struct KMeansOptions {
    int initializations = 10; // n_init: independent k-means++ starts, the lowest inertia wins
    int maxIterations = 300;  // max_iter of each Lloyd run
    double tolerance = 1e-4;  // tol, relative to the mean per-feature variance of the points
    uint64_t seed = 42;       // same seed and points -> same result on every platform
};

struct KMeansResult {
    std::vector<int> labels; // per point, 0..k-1; cluster 0 the largest (ties: lowest first point)
    Matrix centers;          // k x d, row c = centroid of cluster c
    double inertia = 0.0;    // sum of squared distances of points to their centroid
    int iterations = 0;      // Lloyd iterations of the winning start
};

// Clusters the rows of `points` (n x d, finite) into k >= 1 groups, n >= k. Throws bs::Error
// otherwise. Semantics in docs/analysis.md.
KMeansResult kMeans(const Matrix& points, int k, const KMeansOptions& options = {});

// Relabels clusters by decreasing size, ties by their lowest point index; returns the map
// old label -> new label. Labels must lie in 0..k-1.
std::vector<int> sizeOrderedRelabeling(std::span<const int> labels, int k);

} // namespace bs
