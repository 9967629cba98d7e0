#pragma once
// Principal components of a training trajectory (Li et al. 2018, "Visualizing the loss
// landscape of neural nets", section 7): the plane that shows the most of the path.

#include <ATen/core/Tensor.h>

#include <array>
#include <vector>

namespace bs {

struct TrajectoryPca {
    at::Tensor u, v;                           // unit components, flat, in final's dtype/device
    std::array<double, 2> explainedVariance{}; // each component's share of the total variance
    std::vector<double> x, y;                  // checkpoint - final projected onto u and v
};

// PCA of the rows (checkpoint - final) for every checkpoint, plus the final model's own zero
// row, as the paper's code (scikit-learn's PCA, which centres the rows) does. Computed in
// double, a million parameters at a time, from the small Gram matrix of the centred rows, so a
// BERT-base run needs two extra flat vectors of memory, not one per checkpoint. Each
// component's sign makes the checkpoint farthest along it positive. Throws bs::Error when the
// checkpoints do not span a plane (fewer than two, or all on one line through the mean).
TrajectoryPca trajectoryPca(const std::vector<at::Tensor>& checkpoints, const at::Tensor& final);

} // namespace bs
