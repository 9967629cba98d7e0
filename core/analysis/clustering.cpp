#include "core/analysis/clustering.h"

#include "core/analysis/spectral.h"
#include "core/common/error.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace bs {

namespace {

// d(i,j), falling back to d(j,i) when only one triangle holds the value.
double pairDistance(const Matrix& d, int64_t i, int64_t j) {
    const double v = d(i, j);
    return std::isnan(v) ? d(j, i) : v;
}

void checkSquare(const Matrix& m, const char* what) {
    if (!m.isSquare() || m.rows == 0)
        throw Error(std::string(what) + ": need a non-empty square matrix, found " +
                    std::to_string(m.rows) + " x " + std::to_string(m.cols));
}

} // namespace

std::vector<double> centroidDistanceScore(const Matrix& embedding, const Matrix& centers) {
    if (centers.rows != 2 || centers.cols != embedding.cols)
        throw Error("centroid distance score: need 2 centers with " +
                    std::to_string(embedding.cols) + " coordinates, found " +
                    std::to_string(centers.rows) + " x " + std::to_string(centers.cols));
    std::vector<double> score(static_cast<size_t>(embedding.rows));
    for (int64_t i = 0; i < embedding.rows; ++i) {
        double d0 = 0.0, d1 = 0.0;
        for (int64_t f = 0; f < embedding.cols; ++f) {
            const double a = embedding(i, f) - centers(0, f);
            const double b = embedding(i, f) - centers(1, f);
            d0 += a * a;
            d1 += b * b;
        }
        score[size_t(i)] = std::sqrt(d0) - std::sqrt(d1);
    }
    return score;
}

Clustering spectralClustering(const Matrix& affinity, int clusters, const KMeansOptions& kmeans) {
    checkSquare(affinity, "spectral clustering");
    if (clusters < 1 || clusters > affinity.rows)
        throw Error("spectral clustering: number of clusters must be between 1 and " +
                    std::to_string(affinity.rows) + " (the number of models), found " +
                    std::to_string(clusters));
    const SpectralEmbedding emb = spectralEmbedding(affinity, clusters, true, false);
    const KMeansResult km = kMeans(emb.vectors, clusters, kmeans);

    Clustering out;
    out.models.resize(size_t(affinity.rows));
    std::iota(out.models.begin(), out.models.end(), int64_t(0));
    out.labels = km.labels;
    out.embedding = emb.vectors;
    out.eigenvalues = emb.eigenvalues;
    out.centers = km.centers;
    if (clusters == 2)
        out.score = centroidDistanceScore(out.embedding, out.centers);
    out.delta = std::numeric_limits<double>::quiet_NaN();
    out.inertia = km.inertia;
    out.graphConnected = emb.connected;
    return out;
}

std::vector<int64_t> modelsWithCompleteDistances(const Matrix& distances) {
    checkSquare(distances, "missing distances");
    const int64_t n = distances.rows;
    std::vector<char> kept(size_t(n), 1);
    for (;;) {
        int64_t worst = -1, worstCount = 0;
        for (int64_t i = 0; i < n; ++i) {
            if (!kept[size_t(i)])
                continue;
            int64_t count = 0;
            for (int64_t j = 0; j < n; ++j)
                if (j != i && kept[size_t(j)] && std::isnan(pairDistance(distances, i, j)))
                    ++count;
            if (count > 0 && count >= worstCount) {
                worst = i;
                worstCount = count;
            }
        }
        if (worst < 0)
            break;
        kept[size_t(worst)] = 0;
    }
    std::vector<int64_t> out;
    for (int64_t i = 0; i < n; ++i)
        if (kept[size_t(i)])
            out.push_back(i);
    return out;
}

Clustering clusterDistances(const Matrix& distances, const ClusteringOptions& options) {
    checkSquare(distances, "clustering");
    const int64_t n = distances.rows;

    std::vector<int64_t> models;
    if (options.missing == MissingDistances::ExcludeModels) {
        models = modelsWithCompleteDistances(distances);
    } else {
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j)
                if (std::isnan(pairDistance(distances, i, j)))
                    throw Error("clustering: the distance between models " + std::to_string(i) +
                                " and " + std::to_string(j) +
                                " is missing (NaN); compute that pair or exclude the models "
                                "with missing pairs");
        models.resize(size_t(n));
        std::iota(models.begin(), models.end(), int64_t(0));
    }

    const auto m = int64_t(models.size());
    Matrix d = Matrix::filled(m, m, 0.0);
    for (int64_t a = 0; a < m; ++a)
        for (int64_t b = 0; b < m; ++b)
            if (a != b)
                d(a, b) = pairDistance(distances, models[size_t(a)], models[size_t(b)]);
    if (m < options.clusters)
        throw Error("clustering: " + std::to_string(options.clusters) + " clusters need at least " +
                    std::to_string(options.clusters) + " models with complete distances, found " +
                    std::to_string(m) + " of " + std::to_string(n));

    const double delta = options.medianDelta ? medianScaledDelta(d) : options.delta;
    Clustering out =
        spectralClustering(affinityFromDistances(d, delta), options.clusters, options.kmeans);
    out.models = models;
    for (int64_t i = 0, next = 0; i < n; ++i) {
        if (next < m && models[size_t(next)] == i)
            ++next;
        else
            out.excluded.push_back(i);
    }
    out.delta = delta;
    return out;
}

} // namespace bs
