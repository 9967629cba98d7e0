#include "core/analysis/spectral.h"

#include "core/common/error.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <string>

namespace bs {

namespace {

std::string shape(const Matrix& m) {
    return std::to_string(m.rows) + " x " + std::to_string(m.cols);
}

// Breadth-first search over the non-zero off-diagonal affinities (sklearn's _graph_is_connected).
bool graphIsConnected(const Eigen::MatrixXd& a) {
    const Eigen::Index n = a.rows();
    if (n == 0)
        return true;
    std::vector<char> seen(size_t(n), 0);
    std::vector<Eigen::Index> queue{0};
    seen[0] = 1;
    for (size_t head = 0; head < queue.size(); ++head) {
        const Eigen::Index i = queue[head];
        for (Eigen::Index j = 0; j < n; ++j)
            if (!seen[size_t(j)] && j != i && a(i, j) != 0.0) {
                seen[size_t(j)] = 1;
                queue.push_back(j);
            }
    }
    return Eigen::Index(queue.size()) == n;
}

} // namespace

Matrix affinityFromDistances(const Matrix& distances, double delta) {
    if (!distances.isSquare())
        throw Error("affinity: the distance matrix must be square, found " + shape(distances));
    if (!(delta > 0.0) || !std::isfinite(delta))
        throw Error("affinity: delta must be a positive finite number, found " +
                    std::to_string(delta));
    Matrix a = distances;
    const double scale = 2.0 * delta * delta;
    for (double& v : a.values)
        v = std::exp(-(v * v) / scale); // NaN stays NaN
    for (int64_t i = 0; i < a.rows; ++i)
        a(i, i) = 1.0;
    return a;
}

double medianOffDiagonal(const Matrix& distances) {
    if (!distances.isSquare())
        throw Error("median distance: the matrix must be square, found " + shape(distances));
    std::vector<double> v;
    v.reserve(distances.values.size());
    for (int64_t i = 0; i < distances.rows; ++i)
        for (int64_t j = 0; j < distances.cols; ++j)
            if (i != j && std::isfinite(distances(i, j)))
                v.push_back(distances(i, j));
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

double medianScaledDelta(const Matrix& distances) {
    const double m = medianOffDiagonal(distances);
    return (m > 0.0) ? m : 1.0;
}

SpectralEmbedding spectralEmbedding(const Matrix& affinity, int components, bool normLaplacian,
                                    bool dropFirst) {
    if (!affinity.isSquare())
        throw Error("spectral embedding: the affinity matrix must be square, found " +
                    shape(affinity));
    const int64_t n = affinity.rows;
    const int wanted = dropFirst ? components + 1 : components;
    if (components < 1 || wanted > n)
        throw Error("spectral embedding: n_components must be between 1 and " +
                    std::to_string(dropFirst ? n - 1 : n) + " for " + std::to_string(n) +
                    " models, found " + std::to_string(components));

    // check_symmetric: (A + A^T) / 2; scipy's laplacian then zeroes the diagonal.
    Eigen::MatrixXd a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            if (i == j) {
                a(i, j) = 0.0;
                continue;
            }
            const double v = 0.5 * (affinity(i, j) + affinity(j, i));
            if (std::isnan(v))
                throw Error("spectral embedding: affinity between models " + std::to_string(i) +
                            " and " + std::to_string(j) + " is NaN (a missing pair)");
            a(i, j) = v;
        }

    SpectralEmbedding out;
    out.connected = graphIsConnected(a);

    // scipy.sparse.csgraph.laplacian(normed=...), dense path: w = column sums.
    Eigen::VectorXd w = a.colwise().sum().transpose();
    Eigen::MatrixXd lap(n, n);
    Eigen::VectorXd dd(n);
    if (normLaplacian) {
        for (int64_t i = 0; i < n; ++i)
            dd(i) = (w(i) == 0.0) ? 1.0 : std::sqrt(w(i));
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j)
                lap(i, j) = -((a(i, j) / dd(j)) / dd(i));
        // scipy puts 1 - isolated on the diagonal; sklearn's _set_diag then sets all of it to 1.
        lap.diagonal().setOnes();
    } else {
        dd = w;
        lap = -a;
        lap.diagonal() = w;
    }

    // sklearn asks ARPACK (shift-invert around 1 of -L) for the eigenvectors of the smallest
    // eigenvalues of L; the dense symmetric solver gives all of them, ascending.
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(lap);
    if (solver.info() != Eigen::Success)
        throw Error("spectral embedding: the eigen decomposition of the " + std::to_string(n) +
                    " x " + std::to_string(n) + " Laplacian did not converge");

    const int first = dropFirst ? 1 : 0;
    out.vectors = Matrix::filled(n, components, 0.0);
    for (int c = 0; c < components; ++c) {
        const int e = first + c;
        out.eigenvalues.push_back(solver.eigenvalues()(e));
        Eigen::VectorXd u = solver.eigenvectors().col(e);
        if (normLaplacian)
            u = u.cwiseQuotient(dd); // recover D^-1/2 x
        // _deterministic_vector_sign_flip: the entry of largest |u| (first one on ties) > 0.
        Eigen::Index arg = 0;
        for (Eigen::Index i = 1; i < n; ++i)
            if (std::abs(u(i)) > std::abs(u(arg)))
                arg = i;
        if (u(arg) < 0)
            u = -u;
        for (int64_t i = 0; i < n; ++i)
            out.vectors(i, c) = u(i);
    }
    return out;
}

} // namespace bs
