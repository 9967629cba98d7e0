#pragma once
// Training the control point of a curve between two fixed models (Garipov et al. 2018): at
// every step a point t ~ U(0, 1) of the curve, the loss of a batch there, and an update of the
// control point only.

#include "core/landscape/curve_path.h"
#include "core/landscape/evaluator.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bs {

class ParameterSpace;
class Progress;

struct CurveTraining {
    at::Tensor control;              // the trained control point (flat, the models' dtype)
    std::vector<double> t;           // the curve parameter sampled at each step
    std::vector<double> batchLosses; // the training loss of each step
};

// Trains the control point from the straight line's (straightControl) on the evaluator's
// dataset; `a` and `b` are only read. The model runs in inference mode (no dropout), so the
// result is a function of the seed alone (for a thread count: LibTorch's CPU sums follow it).
// Cancellation (bs::Cancelled) is checked at every step.
CurveTraining trainCurve(const ParameterSpace& space, const at::Tensor& a, const at::Tensor& b,
                         const Evaluator& training, const CurveTrainingOptions& options,
                         const Progress& progress);

} // namespace bs
