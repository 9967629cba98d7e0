#pragma once
// A curve trained between two models of a study (Garipov et al. 2018) and its comparison with
// the straight line, as the study keeps it (torch-free: views include it). Stored by
// curve_store (layout: docs/study-format.md).

#include "core/analysis/barriers.h"
#include "core/landscape/curve_options.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

// Loss and metric of one dataset at the points t, along the line and the curve (NaN where not
// computed yet), with the barrier metrics of each loss (NaN until every point is computed).
struct CurveComparison {
    std::string dataset;
    std::string metric; // the dataset's primary metric
    std::vector<double> lineLoss, lineMetric, curveLoss, curveMetric;
    BarrierMetrics line, curve;
};

struct TrainedCurve {
    std::string id;            // group name in the file, e.g. "curve-0"
    std::string first, second; // the endpoints, models of the study
    std::string trainSpec;     // dataset spec of the training file (docs/datasets.md)
    CurveTrainingOptions training;
    int64_t trainingExamples = 0;
    std::vector<double> trainingLosses; // the batch loss of every step
    std::vector<double> t;              // k / (P - 1): alpha on the line, t on the curve
    std::vector<CurveComparison> datasets;
    // The checkpoint folder holding the trained control point (absolute); what lets a later
    // run resume the evaluations without training again. Empty: not kept.
    std::string controlPoint;

    // The same curve as a request for it: endpoints, training file and options, points.
    bool sameRecipe(const std::string& a, const std::string& b, const std::string& spec,
                    const CurveTrainingOptions& options, int64_t points) const {
        return first == a && second == b && trainSpec == spec && training == options &&
               static_cast<int64_t>(t.size()) == points;
    }
};

} // namespace bs
