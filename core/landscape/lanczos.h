#pragma once
// Lanczos tridiagonalisation of a symmetric operator given by its products, with full
// reorthogonalisation: the top eigenvalues (Ritz values) and the Gauss quadrature of the
// spectral measure seen from the start vector (stochastic Lanczos quadrature) both come from it.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace bs {

using OperatorProduct = std::function<at::Tensor(const at::Tensor&)>;

// T = tridiag(beta, alpha, beta) of m <= steps steps from the unit vector `start`; fewer steps
// when the Krylov space became invariant (up to rounding), and then `lastBeta` is that small
// residual, not zero.
struct LanczosTridiagonal {
    std::vector<double> alpha; // m
    std::vector<double> beta;  // m - 1
    double lastBeta = 0;       // the residual after the last step
};

LanczosTridiagonal lanczos(const OperatorProduct& product, const at::Tensor& start, int64_t steps);

// The eigenvalues of T (ascending) and the squared first components of its unit eigenvectors:
// the nodes and weights of the m-point Gauss quadrature of the measure sum_i (u_i . q)^2
// delta(lambda_i), exact for polynomials of degree up to 2m - 1 (Golub and Meurant).
void gaussQuadrature(const LanczosTridiagonal& t, std::vector<double>& nodes,
                     std::vector<double>& weights);

} // namespace bs
