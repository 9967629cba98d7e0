#pragma once
// Spectral clustering of models from a distance matrix (sklearn SpectralClustering semantics).

#include "core/analysis/kmeans.h"
#include "core/analysis/matrix.h"

#include <cstdint>
#include <vector>

namespace bs {

// What to do with NaN (not yet computed) pairs in a distance matrix.
enum class MissingDistances {
    Throw,         // throw bs::Error naming the first missing pair
    ExcludeModels, // drop models until no pair is missing; list them in Clustering::excluded
};

struct ClusteringOptions {
    int clusters = 2;
    double delta = 1.0;       // affinity exp(-d^2 / (2 delta^2))
    bool medianDelta = false; // use medianScaledDelta(distances) instead of `delta`
    MissingDistances missing = MissingDistances::Throw;
    KMeansOptions kmeans; // n_init 10, seed 42 by default
};

// The result the study stores and the widgets draw.
struct Clustering {
    std::vector<int64_t> models;     // row i of everything below is model models[i]
    std::vector<int64_t> excluded;   // models left out because some of their pairs are missing
    std::vector<int> labels;         // cluster per model; cluster 0 is the largest
    Matrix embedding;                // models x clusters spectral embedding (drop_first = false)
    std::vector<double> eigenvalues; // the normalized-Laplacian eigenvalues of its columns
    Matrix centers;                  // clusters x clusters k-means centroids in the embedding
    std::vector<double> score;       // 2 clusters: ||e - c0|| - ||e - c1||; empty otherwise
    double delta = 1.0;              // bandwidth used (NaN when clustering a given affinity)
    double inertia = 0.0;            // k-means inertia
    bool graphConnected = true;      // false: the embedding basis of eigenvalue 0 is arbitrary
};

// SpectralClustering(n_clusters=clusters, affinity="precomputed", assign_labels="kmeans"):
// k-means on spectralEmbedding(affinity, clusters, true, false). The affinity must be complete.
Clustering spectralClustering(const Matrix& affinity, int clusters,
                              const KMeansOptions& kmeans = {});

// Affinity from distances (see ClusteringOptions), then spectralClustering. A pair counts as
// missing only when both d(i,j) and d(j,i) are NaN; when one is NaN the other is used for both.
// The diagonal is ignored.
Clustering clusterDistances(const Matrix& distances, const ClusteringOptions& options = {});

// Models kept by the ExcludeModels policy: repeatedly drop the model with the most missing
// pairs (the highest index among ties) until none remain. Indices ascending.
std::vector<int64_t> modelsWithCompleteDistances(const Matrix& distances);

// ||e_i - c_0|| - ||e_i - c_1|| for every row e_i of the embedding (centers: 2 rows).
std::vector<double> centroidDistanceScore(const Matrix& embedding, const Matrix& centers);

} // namespace bs
