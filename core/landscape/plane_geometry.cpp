#include "core/landscape/plane_geometry.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace bs {

double flatDot(const at::Tensor& a, const at::Tensor& b) {
    // Chunks of 2^20 keep the double copies small for vectors of 10^8 parameters.
    const int64_t n = a.numel();
    const int64_t chunk = int64_t(1) << 20;
    double sum = 0.0;
    for (int64_t start = 0; start < n; start += chunk) {
        const int64_t length = std::min(chunk, n - start);
        sum += at::dot(a.narrow(0, start, length).to(at::kDouble),
                       b.narrow(0, start, length).to(at::kDouble))
                   .item<double>();
    }
    return sum;
}

PlaneBasis makePlaneBasis(const at::Tensor& a, const at::Tensor& b, const at::Tensor& c) {
    at::NoGradGuard noGrad;
    const at::Tensor ab = b - a;
    const at::Tensor ac = c - a;
    const double abNorm = std::sqrt(flatDot(ab, ab));
    const double acNorm = std::sqrt(flatDot(ac, ac));
    if (!(abNorm > 0) || !(acNorm > 0))
        throw Error("the plane needs three different models (two of them are identical)");
    PlaneBasis basis;
    basis.origin = a;
    basis.u = ab / abNorm;
    const double acAlongU = flatDot(ac, basis.u);
    at::Tensor w = ac - basis.u * acAlongU;
    // Re-orthogonalise once: float rounding leaves a component along u of order 1e-7.
    w -= basis.u * flatDot(w, basis.u);
    const double wNorm = std::sqrt(flatDot(w, w));
    if (!(wNorm > 1e-6 * acNorm))
        throw Error("the three models lie on one line; choose a third model off the line");
    basis.v = w / wNorm;
    basis.modelX = {0.0, abNorm, acAlongU};
    basis.modelY = {0.0, 0.0, flatDot(ac, basis.v)};
    return basis;
}

double PlaneGrid::x(int64_t column) const {
    return resolution > 1 ? xMin + (xMax - xMin) * double(column) / double(resolution - 1) : xMin;
}

double PlaneGrid::y(int64_t row) const {
    return resolution > 1 ? yMin + (yMax - yMin) * double(row) / double(resolution - 1) : yMin;
}

PlaneGrid makePlaneGrid(const PlaneBasis& basis, int64_t resolution, double margin) {
    if (resolution < 2)
        throw Error("plane resolution must be at least 2");
    if (!(margin >= 0) || margin > 10)
        throw Error("plane margin must be between 0 and 10");
    const auto [xLow, xHigh] = std::minmax_element(basis.modelX.begin(), basis.modelX.end());
    const auto [yLow, yHigh] = std::minmax_element(basis.modelY.begin(), basis.modelY.end());
    const double side = std::max(*xHigh - *xLow, *yHigh - *yLow);
    PlaneGrid grid;
    grid.resolution = resolution;
    grid.xMin = *xLow - margin * side;
    grid.xMax = *xHigh + margin * side;
    grid.yMin = *yLow - margin * side;
    grid.yMax = *yHigh + margin * side;
    return grid;
}

std::vector<std::vector<int64_t>> refinementLevels(int64_t resolution) {
    const int64_t span = resolution - 1;
    // Largest stride whose grid has at most `points` per side.
    auto strideFor = [&](int64_t points) {
        for (int64_t d = 1; d <= span; ++d)
            if (span % d == 0 && span / d + 1 <= points)
                return d;
        return span;
    };
    std::vector<int64_t> strides;
    for (int64_t points : {9, 17})
        if (const int64_t s = strideFor(points);
            s > 1 && span / s + 1 >= 3 && (strides.empty() || s < strides.back()))
            strides.push_back(s);
    strides.push_back(1);
    std::vector<char> taken(static_cast<size_t>(resolution * resolution), 0);
    std::vector<std::vector<int64_t>> levels;
    for (int64_t stride : strides) {
        std::vector<int64_t> level;
        for (int64_t row = 0; row < resolution; row += stride)
            for (int64_t column = 0; column < resolution; column += stride) {
                const int64_t index = row * resolution + column;
                if (!taken[static_cast<size_t>(index)]) {
                    taken[static_cast<size_t>(index)] = 1;
                    level.push_back(index);
                }
            }
        levels.push_back(std::move(level));
    }
    return levels;
}

} // namespace bs
