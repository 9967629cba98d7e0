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

enum class CurveOptimizer { Adam, Sgd };

struct CurveTrainingOptions {
    CurveKind kind = CurveKind::Bezier;
    int64_t steps = 300;
    double learningRate = 1e-3;
    int64_t batchSize = 32;
    CurveOptimizer optimizer = CurveOptimizer::Adam; // SGD: plain steps, no momentum
    uint64_t seed = 0;                               // t per step and the batch order
};

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

const char* curveOptimizerName(CurveOptimizer optimizer);    // "adam", "sgd"
CurveOptimizer parseCurveOptimizer(const std::string& name); // bs::Error otherwise

} // namespace bs
