#pragma once
// Clustering the models of a study by a connectivity matrix, and what the clusters predict.

#include "core/analysis/statistics.h"
#include "core/study/study.h"

#include <string>
#include <vector>

namespace bs {

struct ClusterRequest {
    std::string matrix = matrixId(MatrixKind::ConvexityGap); // a matrixId
    std::string dataset; // default: the surface dataset (ignored for distance)
    int64_t k = 2;
    double delta = 1.0;       // similarity exp(-d^2 / (2 delta^2))
    bool medianDelta = false; // delta = median off-diagonal distance instead
};

// Spectral clustering of every model whose pairs are all computed (models with missing pairs
// are left out and named in the error-free result's `models` list). In a study that holds
// final models and training checkpoints, only the final models are clustered (see
// connectivityModels). Deterministic.
ClusteringResult clusterModels(const Study& study, const ClusterRequest& request);

// Stores the clustering, replacing one with the same id; returns its index.
size_t storeClustering(Study& study, ClusteringResult clustering);

// A model column the GUI and CLI can correlate with: "<dataset>.<metric>" where metric is
// loss, accuracy, f1 or mcc (e.g. "hans-lo.accuracy"), or "sharpness.<dataset>".
// NaN for models without a value. Throws bs::Error listing the valid columns.
std::vector<double> modelColumn(const Study& study, const std::string& column);
std::vector<std::string> modelColumns(const Study& study);

// Pearson r, p-value and least-squares line of `column` against the clustering's centroid
// score (k = 2), over the clustered models.
Regression scoreRegression(const Study& study, const ClusteringResult& clustering,
                           const std::string& column);

} // namespace bs
