#pragma once
// The partial paths of barrier attribution, evaluated in any parameter space (the job uses the
// study's; tests use a float64 one).

#include "core/analysis/barrier_attribution.h"
#include "core/common/metric.h"
#include "core/common/progress.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace bs {

class Evaluator;
class ParameterSpace;

struct AttributionPaths {
    std::string firstName, secondName; // for messages and the result
    std::string dataset;
    std::string metricName = metricId(Metric::Accuracy);
    int64_t points = 10;
};

// `base` with the scalars of the named group taken from `other` (a new vector).
at::Tensor withGroupOf(const at::Tensor& base, const at::Tensor& other,
                       const std::vector<std::pair<int64_t, int64_t>>& ranges);

// Evaluates the line from `a` to `b` and, for every parameter group of `space`, the path on
// which only that group moves and the one on which every other group moves. 1 + (P - 1)(1 + 2G)
// evaluations for G groups: alpha = 0 is `a` on every path. Cancelling (progress) stops between
// points and returns what is done, with `complete` false and NaN for the rest.
BarrierAttribution attributeBarrier(ParameterSpace& space, const Evaluator& evaluator,
                                    const at::Tensor& a, const at::Tensor& b,
                                    const AttributionPaths& paths, const Progress& progress = {});

} // namespace bs
