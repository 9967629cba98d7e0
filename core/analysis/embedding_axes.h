#pragma once
// Which two columns of a spectral embedding to draw.

#include "core/analysis/matrix.h"

#include <cstdint>
#include <utility>

namespace bs {

// The two columns of `embedding` (models x columns) with the largest variance, the larger
// first: with drop_first = false the first column is nearly constant when the models' degrees
// are alike, so drawing columns 0 and 1 would show a line. Ties keep column order; with one
// column both axes are column 0.
std::pair<int64_t, int64_t> embeddingDisplayAxes(const Matrix& embedding);

} // namespace bs
