#include "core/analysis/kmeans.h"

#include "core/analysis/random.h"
#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace bs {

namespace {

// Row-major n x d points and k x d centers; plain loops: n and d are small (models x clusters).
struct Points {
    int64_t n = 0, d = 0;
    std::vector<double> x;
    const double* row(int64_t i) const { return x.data() + i * d; }
};

double squaredDistance(const double* a, const double* b, int64_t d) {
    double s = 0.0;
    for (int64_t f = 0; f < d; ++f) {
        const double t = a[f] - b[f];
        s += t * t;
    }
    return s;
}

// sklearn's _kmeans_plusplus: greedy k-means++ with 2 + floor(ln k) candidates per center,
// sampled in proportion to the squared distance to the nearest chosen center.
std::vector<double> kmeansPlusPlus(const Points& p, int k, Rng& rng) {
    const int64_t n = p.n, d = p.d;
    std::vector<double> centers(static_cast<size_t>(k * d));
    const int trials = 2 + int(std::log(double(k)));

    const auto first = int64_t(rng.below(uint64_t(n)));
    std::copy(p.row(first), p.row(first) + d, centers.begin());
    std::vector<double> closest(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        closest[size_t(i)] = squaredDistance(p.row(i), p.row(first), d);
    double potential = std::accumulate(closest.begin(), closest.end(), 0.0);

    std::vector<double> cumulative(static_cast<size_t>(n)), candidateDist(static_cast<size_t>(n)),
        bestDist(static_cast<size_t>(n));
    for (int c = 1; c < k; ++c) {
        std::partial_sum(closest.begin(), closest.end(), cumulative.begin());
        double bestPotential = std::numeric_limits<double>::infinity();
        int64_t best = -1;
        for (int t = 0; t < trials; ++t) {
            const double r = rng.uniform() * potential;
            // np.searchsorted(side="left"), clipped to the last index.
            auto it = std::lower_bound(cumulative.begin(), cumulative.end(), r);
            const int64_t id = std::min<int64_t>(int64_t(it - cumulative.begin()), n - 1);
            double pot = 0.0;
            for (int64_t i = 0; i < n; ++i) {
                candidateDist[size_t(i)] =
                    std::min(closest[size_t(i)], squaredDistance(p.row(i), p.row(id), d));
                pot += candidateDist[size_t(i)];
            }
            if (pot < bestPotential) { // argmin: the first of equal potentials
                bestPotential = pot;
                best = id;
                bestDist.swap(candidateDist);
            }
        }
        potential = bestPotential;
        closest.swap(bestDist);
        std::copy(p.row(best), p.row(best) + d, centers.begin() + c * d);
    }
    return centers;
}

// Nearest center of every point (the first on ties); returns the inertia.
double assign(const Points& p, const std::vector<double>& centers, int k,
              std::vector<int>& labels) {
    double inertia = 0.0;
    for (int64_t i = 0; i < p.n; ++i) {
        int bestC = 0;
        double best = squaredDistance(p.row(i), centers.data(), p.d);
        for (int c = 1; c < k; ++c) {
            const double s = squaredDistance(p.row(i), centers.data() + c * p.d, p.d);
            if (s < best) {
                best = s;
                bestC = c;
            }
        }
        labels[size_t(i)] = bestC;
        inertia += best;
    }
    return inertia;
}

// One M-step: means of the members of each cluster; an empty cluster takes the point farthest
// from its current center (sklearn's _relocate_empty_clusters_dense), one point per empty cluster.
std::vector<double> updateCenters(const Points& p, const std::vector<double>& oldCenters, int k,
                                  const std::vector<int>& labels) {
    const int64_t d = p.d;
    std::vector<double> sums(size_t(k * d), 0.0), weight(size_t(k), 0.0);
    for (int64_t i = 0; i < p.n; ++i) {
        const int c = labels[size_t(i)];
        weight[size_t(c)] += 1.0;
        for (int64_t f = 0; f < d; ++f)
            sums[size_t(c * d + f)] += p.row(i)[f];
    }
    std::vector<int> empty;
    for (int c = 0; c < k; ++c)
        if (weight[size_t(c)] == 0.0)
            empty.push_back(c);
    if (!empty.empty()) {
        std::vector<int64_t> order(static_cast<size_t>(p.n));
        std::iota(order.begin(), order.end(), 0);
        std::vector<double> far(static_cast<size_t>(p.n));
        for (int64_t i = 0; i < p.n; ++i)
            far[size_t(i)] =
                squaredDistance(p.row(i), oldCenters.data() + labels[size_t(i)] * d, d);
        std::stable_sort(order.begin(), order.end(),
                         [&](int64_t a, int64_t b) { return far[size_t(a)] > far[size_t(b)]; });
        for (size_t e = 0; e < empty.size(); ++e) {
            const int64_t i = order[e];
            const int from = labels[size_t(i)], to = empty[e];
            for (int64_t f = 0; f < d; ++f) {
                sums[size_t(from * d + f)] -= p.row(i)[f];
                sums[size_t(to * d + f)] = p.row(i)[f];
            }
            weight[size_t(from)] -= 1.0;
            weight[size_t(to)] = 1.0;
        }
    }
    for (int c = 0; c < k; ++c) {
        const double alpha = weight[size_t(c)] > 0.0 ? 1.0 / weight[size_t(c)] : 1.0;
        for (int64_t f = 0; f < d; ++f)
            sums[size_t(c * d + f)] *= alpha;
    }
    return sums;
}

struct Run {
    std::vector<int> labels;
    std::vector<double> centers;
    double inertia = 0.0;
    int iterations = 0;
};

// sklearn's _kmeans_single_lloyd.
Run lloyd(const Points& p, std::vector<double> centers, int k, int maxIterations, double tol) {
    Run run;
    run.labels.assign(size_t(p.n), -1);
    std::vector<int> previous(size_t(p.n), -1);
    bool strict = false;
    int it = 0;
    for (; it < maxIterations; ++it) {
        assign(p, centers, k, run.labels);
        std::vector<double> next = updateCenters(p, centers, k, run.labels);
        double shift = 0.0;
        for (size_t f = 0; f < next.size(); ++f)
            shift += (next[f] - centers[f]) * (next[f] - centers[f]);
        centers.swap(next);
        if (run.labels == previous) {
            strict = true;
            break;
        }
        if (shift <= tol)
            break;
        previous = run.labels;
    }
    // Without strict convergence the labels are one step behind the centers: reassign them.
    if (!strict)
        assign(p, centers, k, run.labels);
    run.inertia = 0.0;
    for (int64_t i = 0; i < p.n; ++i)
        run.inertia += squaredDistance(p.row(i), centers.data() + run.labels[size_t(i)] * p.d, p.d);
    run.centers = std::move(centers);
    run.iterations = std::min(it + 1, maxIterations);
    return run;
}

// sklearn's _is_same_clustering: one labeling is a relabeling of the other.
bool sameClustering(const std::vector<int>& a, const std::vector<int>& b, int k) {
    std::vector<int> map(size_t(k), -1);
    for (size_t i = 0; i < a.size(); ++i) {
        int& m = map[size_t(a[i])];
        if (m == -1)
            m = b[i];
        else if (m != b[i])
            return false;
    }
    return true;
}

} // namespace

std::vector<int> sizeOrderedRelabeling(std::span<const int> labels, int k) {
    std::vector<int64_t> size(size_t(k), 0), firstIndex(size_t(k), int64_t(labels.size()));
    for (size_t i = 0; i < labels.size(); ++i) {
        const int c = labels[i];
        if (c < 0 || c >= k)
            throw Error("cluster labels must lie in 0.." + std::to_string(k - 1) + ", found " +
                        std::to_string(c) + " at position " + std::to_string(i));
        ++size[size_t(c)];
        firstIndex[size_t(c)] = std::min(firstIndex[size_t(c)], int64_t(i));
    }
    std::vector<int> order(static_cast<size_t>(k));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (size[size_t(a)] != size[size_t(b)])
            return size[size_t(a)] > size[size_t(b)];
        return firstIndex[size_t(a)] < firstIndex[size_t(b)];
    });
    std::vector<int> map(static_cast<size_t>(k));
    for (int r = 0; r < k; ++r)
        map[size_t(order[size_t(r)])] = r;
    return map;
}

KMeansResult kMeans(const Matrix& points, int k, const KMeansOptions& options) {
    const int64_t n = points.rows, d = points.cols;
    if (k < 1 || n < k)
        throw Error("k-means: need 1 <= k <= number of points, found k = " + std::to_string(k) +
                    " for " + std::to_string(n) + " points");
    if (d < 1)
        throw Error("k-means: points need at least one feature, found 0 columns");
    if (options.initializations < 1 || options.maxIterations < 1 || !(options.tolerance >= 0.0))
        throw Error("k-means: initializations and maxIterations must be >= 1 and tolerance >= 0");
    for (size_t i = 0; i < points.values.size(); ++i)
        if (!std::isfinite(points.values[i]))
            throw Error("k-means: point " + std::to_string(int64_t(i) / d) + " feature " +
                        std::to_string(int64_t(i) % d) + " is not finite");

    // Like sklearn: work on mean-centred data (better rounding), add the mean back at the end.
    Points p{n, d, points.values};
    std::vector<double> mean(size_t(d), 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t f = 0; f < d; ++f)
            mean[size_t(f)] += p.row(i)[f];
    for (auto& m : mean)
        m /= double(n);
    double variance = 0.0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t f = 0; f < d; ++f) {
            double& v = p.x[size_t(i * d + f)];
            v -= mean[size_t(f)];
            variance += v * v;
        }
    const double tol = options.tolerance * variance / double(n * d); // mean of per-feature var

    Rng rng(options.seed);
    Run best;
    bool haveBest = false;
    for (int init = 0; init < options.initializations; ++init) {
        Run run = lloyd(p, kmeansPlusPlus(p, k, rng), k, options.maxIterations, tol);
        if (!haveBest ||
            (run.inertia < best.inertia && !sameClustering(run.labels, best.labels, k))) {
            best = std::move(run);
            haveBest = true;
        }
    }

    const std::vector<int> map = sizeOrderedRelabeling(best.labels, k);
    KMeansResult out;
    out.inertia = best.inertia;
    out.iterations = best.iterations;
    out.labels.resize(size_t(n));
    for (int64_t i = 0; i < n; ++i)
        out.labels[size_t(i)] = map[size_t(best.labels[size_t(i)])];
    out.centers = Matrix::filled(k, d, 0.0);
    for (int c = 0; c < k; ++c)
        for (int64_t f = 0; f < d; ++f)
            out.centers(map[size_t(c)], f) = best.centers[size_t(c * d + f)] + mean[size_t(f)];
    return out;
}

} // namespace bs
