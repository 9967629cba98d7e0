#pragma once
// Random directions around a model, filter-normalized as in Li et al. 2018 ("Visualizing the
// loss landscape of neural nets"), reproducible from a seed.

#include "core/landscape/direction_options.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/plane_geometry.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bs {

// `size` standard normal values (Box-Muller on bs::Rng) in double, on the CPU. The same seed
// gives the same values bit for bit with every LibTorch, thread count and device.
at::Tensor gaussianVector(int64_t size, uint64_t seed);

// Rescales `direction` (flat, double, CPU, in `layout`'s slot order) in place so that every
// filter has the norm of the same filter of `model`: a filter is one slice along the first
// dimension of a parameter with two or more dimensions (a row of a linear layer's weight, one
// token's embedding). One-dimensional parameters are zeroed or copied from `model`.
void filterNormalize(at::Tensor& direction, const at::Tensor& model,
                     const std::vector<ParameterSlot>& layout, BiasTreatment biases);

// Direction number `index` (0 for the first axis, 1 for the second) for `options.seed`,
// filter-normalized against `model`, in `model`'s dtype and device.
at::Tensor randomDirection(const at::Tensor& model, const std::vector<ParameterSlot>& layout,
                           const DirectionOptions& options, int64_t index);

// The basis of a surface around `centre`: origin `centre`, axes the directions 0 and 1 (not
// orthonormalised, as in the paper: each keeps the model's filter norms). The centre is the
// basis' first model, at (0, 0); the other two slots are NaN.
PlaneBasis makeDirectionBasis(const at::Tensor& centre, const std::vector<ParameterSlot>& layout,
                              const DirectionOptions& options);

// The seed of direction `index` derived from the user's seed (distinct streams per axis).
uint64_t directionSeed(uint64_t seed, int64_t index);

} // namespace bs
