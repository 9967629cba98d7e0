#pragma once
// What a Hessian computation is asked for and what it finds (torch-free, so that the study can
// store it and views can draw it without LibTorch).

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

struct HessianOptions {
    int64_t topK = 3;          // eigenvalues reported, largest first
    int64_t lanczosSteps = 20; // Krylov dimension, capped at the number of parameters; Lanczos
                               // keeps this many vectors of the group's size
    int64_t traceSamples = 32; // Rademacher vectors of Hutchinson's estimator (0: no trace)
    uint64_t seed = 0;         // the Lanczos start vector and the Rademacher vectors
    int64_t batchSize = 32;    // examples per forward and double backward
    std::string group;         // parameters whose name starts with this; empty: all
    // Eigenvalue density by stochastic Lanczos quadrature (Ghorbani et al. 2019): this many
    // Gaussian start vectors (0: no density), each with `densitySteps` Lanczos steps.
    int64_t densityRuns = 0;
    int64_t densitySteps = 30;
    double densitySigma = 0;   // Gaussian broadening; 0: 1% of the range of the Ritz values
    int64_t densityGrid = 200; // points of the density's grid

    // The same computation, whatever the group (the study keeps one result per model and
    // dataset, with its groups).
    bool sameSettings(const HessianOptions& other) const {
        return topK == other.topK && lanczosSteps == other.lanczosSteps &&
               traceSamples == other.traceSamples && seed == other.seed &&
               batchSize == other.batchSize && densityRuns == other.densityRuns &&
               densitySteps == other.densitySteps && densitySigma == other.densitySigma &&
               densityGrid == other.densityGrid;
    }
};

// The eigenvalue density of stochastic Lanczos quadrature. Each run's Lanczos tridiagonal
// matrix gives a Gauss quadrature of the spectral measure seen from its start vector: nodes
// (its eigenvalues, the Ritz values) and weights (the squared first components of its
// eigenvectors, summing to 1). The density is their Gaussian broadening averaged over runs,
// sampled on a grid; it integrates to 1 over the real line.
struct HessianDensity {
    std::vector<std::vector<double>> nodes;   // per run, ascending
    std::vector<std::vector<double>> weights; // per run, same sizes
    double sigma = 0;                         // the broadening used
    std::vector<double> grid, density;        // equally spaced x and the density there

    bool empty() const { return nodes.empty(); }
    bool operator==(const HessianDensity&) const = default;
};

struct HessianValue {
    std::vector<double> eigenvalues; // the largest Ritz values, largest first
    // Lanczos' residual bound per eigenvalue, |beta_m s_m|: some eigenvalue of the Hessian lies
    // within it (0 once the Krylov space is invariant).
    std::vector<double> eigenvalueErrors;
    double trace = 0;              // Hutchinson's mean of v^T H v (NaN without samples)
    double traceStandardError = 0; // sample standard deviation / sqrt(samples)
    int64_t parameters = 0;        // size of the group
    int64_t products = 0;          // Hessian-vector products used
    HessianDensity density;        // empty unless asked for
};

} // namespace bs
