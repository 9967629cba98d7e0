#pragma once
// The uniform average of flat parameter vectors (a model soup's weights).

#include <ATen/core/Tensor.h>

#include <vector>

namespace bs {

// sum(flats) / k, accumulated in float64 and returned in the inputs' dtype and device, so that
// the average does not depend on the order of the models beyond the final rounding. Throws
// bs::Error on no vectors or vectors of different sizes.
at::Tensor averageWeights(const std::vector<at::Tensor>& flats);

} // namespace bs
