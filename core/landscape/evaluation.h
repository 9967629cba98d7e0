#pragma once
// Evaluation: loss and metrics of one model (or interpolated point) on one dataset.

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
    // The dataset's primary metric ("accuracy", "f1", "mcc").
    double metric(const std::string& name) const;
};

} // namespace bs
