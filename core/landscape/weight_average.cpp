#include "core/landscape/weight_average.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

namespace bs {

at::Tensor averageWeights(const std::vector<at::Tensor>& flats) {
    if (flats.empty())
        throw Error("a weight average needs at least one model");
    at::NoGradGuard noGrad;
    at::Tensor sum = flats.front().to(at::kDouble, /*non_blocking=*/false, /*copy=*/true);
    for (size_t m = 1; m < flats.size(); ++m) {
        if (flats[m].numel() != sum.numel())
            throw Error("cannot average models of different sizes (" +
                        std::to_string(flats[m].numel()) + " vs " + std::to_string(sum.numel()) +
                        " parameters)");
        sum.add_(flats[m].to(at::kDouble));
    }
    return sum.div_(static_cast<double>(flats.size())).to(flats.front().scalar_type());
}

} // namespace bs
