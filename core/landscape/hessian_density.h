#pragma once
// The eigenvalue density of the Hessian by stochastic Lanczos quadrature (Ghorbani, Krishnan
// and Xiao 2019; PyHessian's `density`): Lanczos from several random start vectors, each giving
// a Gauss quadrature of the spectral measure, broadened by a Gaussian and averaged.

#include "core/landscape/hessian_values.h"
#include "core/landscape/lanczos.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bs {

// `options.densityRuns` runs of min(densitySteps, size) Lanczos steps through `product` over
// vectors of `size` values; run r starts from the normalised Gaussian vector of seed
// directionSeed(options.seed, 2 + r) (the top eigenvalues use 0, the trace 1), converted to the
// dtype and device of `like`. Then broadened (broadenDensity) with options.densitySigma and
// options.densityGrid. Deterministic for a seed (given the thread count).
HessianDensity slqDensity(const OperatorProduct& product, int64_t size, const at::Tensor& like,
                          const HessianOptions& options);

// Sets `density.sigma` (`sigma`, or for 0 one hundredth of the range of the nodes, 1e-3 for a
// single node value), the grid (`points` values from the smallest node - 5 sigma to the largest
// + 5 sigma, so that less than 1e-6 of the mass falls outside) and the density on it.
void broadenDensity(HessianDensity& density, double sigma, int64_t points);

// (1 / runs) sum_r sum_j weights[r][j] N(x; nodes[r][j], sigma^2) at every x of `grid`.
std::vector<double> broadenedDensity(const std::vector<std::vector<double>>& nodes,
                                     const std::vector<std::vector<double>>& weights, double sigma,
                                     const std::vector<double>& grid);

} // namespace bs
