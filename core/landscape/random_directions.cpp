#include "core/landscape/random_directions.h"

#include "core/analysis/random.h"
#include "core/common/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace bs {

at::Tensor gaussianVector(int64_t size, uint64_t seed) {
    // Our own generator rather than at::randn: LibTorch's normal kernels differ between
    // versions, vector widths and devices, and a stored seed must give the same surface on a
    // cluster node with another LibTorch.
    at::Tensor out = at::empty({size}, at::kDouble);
    double* values = out.data_ptr<double>();
    Rng rng(seed);
    for (int64_t i = 0; i < size; i += 2) {
        // 1 - uniform() lies in (0, 1]: the logarithm stays finite.
        const double radius = std::sqrt(-2.0 * std::log(1.0 - rng.uniform()));
        const double angle = 2.0 * std::numbers::pi * rng.uniform();
        values[i] = radius * std::cos(angle);
        if (i + 1 < size)
            values[i + 1] = radius * std::sin(angle);
    }
    return out;
}

void filterNormalize(at::Tensor& direction, const at::Tensor& model,
                     const std::vector<ParameterSlot>& layout, BiasTreatment biases) {
    at::NoGradGuard noGrad;
    const at::Tensor weights = model.to(at::kCPU, at::kDouble);
    for (const ParameterSlot& slot : layout) {
        at::Tensor d = direction.narrow(0, slot.offset, slot.numel);
        const at::Tensor w = weights.narrow(0, slot.offset, slot.numel);
        if (slot.shape.size() < 2) {
            if (biases == BiasTreatment::Zero)
                d.zero_();
            else
                d.copy_(w);
            continue;
        }
        const int64_t filters = slot.shape[0];
        at::Tensor dRows = d.view({filters, slot.numel / filters});
        const at::Tensor wRows = w.view({filters, slot.numel / filters});
        const at::Tensor dNorms = dRows.norm(2, {1}, true);
        const at::Tensor wNorms = wRows.norm(2, {1}, true);
        // A Gaussian filter is never exactly zero; the guard only keeps 0/0 out of a
        // degenerate direction.
        dRows.mul_(at::where(dNorms > 0, wNorms / dNorms, at::zeros_like(dNorms)));
    }
}

uint64_t directionSeed(uint64_t seed, int64_t index) {
    // Odd multiplier of the golden ratio: distinct, well-mixed streams for every (seed, axis).
    return seed ^ (0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(index + 1));
}

at::Tensor randomDirection(const at::Tensor& model, const std::vector<ParameterSlot>& layout,
                           const DirectionOptions& options, int64_t index) {
    at::Tensor direction = gaussianVector(model.numel(), directionSeed(options.seed, index));
    filterNormalize(direction, model, layout, options.biases);
    return direction.to(model.device(), model.scalar_type());
}

PlaneBasis makeDirectionBasis(const at::Tensor& centre, const std::vector<ParameterSlot>& layout,
                              const DirectionOptions& options) {
    PlaneBasis basis;
    basis.origin = centre;
    basis.u = randomDirection(centre, layout, options, 0);
    basis.v = randomDirection(centre, layout, options, 1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    basis.modelX = {0.0, nan, nan};
    basis.modelY = {0.0, nan, nan};
    return basis;
}

} // namespace bs
