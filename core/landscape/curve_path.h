#pragma once
// Curved paths between two models with one trainable control point (Garipov et al. 2018,
// "Loss surfaces, mode connectivity, and fast ensembling of DNNs").

#include "core/landscape/curve_options.h"

#include <ATen/core/Tensor.h>

#include <array>
#include <string>

namespace bs {

// The weights of a, c and b at t in [0, 1] (they sum to 1).
std::array<double, 3> curveWeights(CurveKind kind, double t);

// The point of the curve at t as a new flat vector; at t = 0 and t = 1 the endpoint itself
// (the same tensor), so the ends of every curve are the models bit for bit.
at::Tensor curvePoint(CurveKind kind, const at::Tensor& a, const at::Tensor& control,
                      const at::Tensor& b, double t);

// The control point that makes the curve the straight line a -> b (the start of training).
at::Tensor straightControl(CurveKind kind, const at::Tensor& a, const at::Tensor& b);

} // namespace bs
