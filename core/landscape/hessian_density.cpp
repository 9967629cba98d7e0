#include "core/landscape/hessian_density.h"

#include "core/common/error.h"
#include "core/landscape/plane_geometry.h"
#include "core/landscape/random_directions.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bs {

HessianDensity slqDensity(const OperatorProduct& product, int64_t size, const at::Tensor& like,
                          const HessianOptions& options) {
    HessianDensity density;
    const int64_t steps = std::min(options.densitySteps, size);
    for (int64_t r = 0; r < options.densityRuns; ++r) {
        const at::Tensor start = gaussianVector(size, directionSeed(options.seed, 2 + r));
        const at::Tensor q =
            (start / std::sqrt(flatDot(start, start))).to(like.device(), like.scalar_type());
        std::vector<double> nodes, weights;
        gaussQuadrature(lanczos(product, q, steps), nodes, weights);
        density.nodes.push_back(std::move(nodes));
        density.weights.push_back(std::move(weights));
    }
    broadenDensity(density, options.densitySigma, options.densityGrid);
    return density;
}

void broadenDensity(HessianDensity& density, double sigma, int64_t points) {
    if (density.nodes.empty() || points < 2)
        throw Error("Hessian density: no quadrature nodes, or a grid of fewer than 2 points");
    double low = INFINITY, high = -INFINITY;
    for (const auto& run : density.nodes)
        for (double x : run) {
            low = std::min(low, x);
            high = std::max(high, x);
        }
    if (!(sigma > 0))
        sigma = high > low ? (high - low) / 100 : 1e-3 * std::max(1.0, std::abs(high));
    density.sigma = sigma;
    density.grid.resize(size_t(points));
    const double from = low - 5 * sigma, to = high + 5 * sigma;
    for (int64_t k = 0; k < points; ++k)
        density.grid[size_t(k)] = from + (to - from) * double(k) / double(points - 1);
    density.density = broadenedDensity(density.nodes, density.weights, sigma, density.grid);
}

std::vector<double> broadenedDensity(const std::vector<std::vector<double>>& nodes,
                                     const std::vector<std::vector<double>>& weights, double sigma,
                                     const std::vector<double>& grid) {
    const double norm = 1 / (sigma * std::sqrt(2 * std::numbers::pi));
    std::vector<double> out(grid.size(), 0.0);
    for (size_t k = 0; k < grid.size(); ++k) {
        double sum = 0;
        for (size_t r = 0; r < nodes.size(); ++r)
            for (size_t j = 0; j < nodes[r].size(); ++j) {
                const double z = (grid[k] - nodes[r][j]) / sigma;
                sum += weights[r][j] * norm * std::exp(-0.5 * z * z);
            }
        out[k] = sum / double(nodes.size());
    }
    return out;
}

} // namespace bs
