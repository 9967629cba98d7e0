#pragma once
// Evaluation: loss and metrics of one model (or interpolated point) on one dataset.

#include "core/common/metric.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace bs {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Evaluation {
    double loss = kNaN;
    double accuracy = kNaN;
    double f1 = kNaN;
    double mcc = kNaN;
    int64_t examples = 0;
    bool computed() const { return !std::isnan(loss); }
    double metric(Metric m) const {
        switch (m) {
        case Metric::Accuracy:
            return accuracy;
        case Metric::F1:
            return f1;
        case Metric::Mcc:
            return mcc;
        }
        return kNaN;
    }
    // The metric with this id, e.g. a dataset's primary metric; throws for an unknown id.
    double metric(const std::string& id) const { return metric(parseMetric(id)); }
};

} // namespace bs
