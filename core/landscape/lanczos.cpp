#include "core/landscape/lanczos.h"

#include "core/landscape/plane_geometry.h"

#include <ATen/ATen.h>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace bs {

LanczosTridiagonal lanczos(const OperatorProduct& product, const at::Tensor& start, int64_t steps) {
    LanczosTridiagonal t;
    std::vector<at::Tensor> basis;
    at::Tensor q = start;
    for (int64_t j = 0; j < steps; ++j) {
        basis.push_back(q);
        at::Tensor w = product(q);
        const double a = flatDot(q, w);
        t.alpha.push_back(a);
        // Twice ("twice is enough"): in floating point the plain three-term recurrence loses
        // orthogonality and repeats the top eigenvalues.
        for (int pass = 0; pass < 2; ++pass)
            for (const at::Tensor& b : basis)
                w -= b * flatDot(b, w);
        t.lastBeta = std::sqrt(flatDot(w, w));
        // An invariant subspace (up to rounding): the Ritz values are eigenvalues, and the
        // residual left, not zero, bounds their error.
        if (!(t.lastBeta > 1e-12 * std::max(1.0, std::abs(a))))
            break;
        if (j + 1 < steps) {
            t.beta.push_back(t.lastBeta);
            q = w / t.lastBeta;
        }
    }
    return t;
}

void gaussQuadrature(const LanczosTridiagonal& t, std::vector<double>& nodes,
                     std::vector<double>& weights) {
    const auto m = static_cast<int64_t>(t.alpha.size());
    Eigen::MatrixXd matrix = Eigen::MatrixXd::Zero(m, m);
    for (int64_t i = 0; i < m; ++i) {
        matrix(i, i) = t.alpha[size_t(i)];
        if (i + 1 < m)
            matrix(i, i + 1) = matrix(i + 1, i) = t.beta[size_t(i)];
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
    nodes.assign(solver.eigenvalues().data(), solver.eigenvalues().data() + m);
    weights.resize(size_t(m));
    for (int64_t i = 0; i < m; ++i)
        weights[size_t(i)] = solver.eigenvectors()(0, i) * solver.eigenvectors()(0, i);
}

} // namespace bs
