#pragma once
// Barrier metrics of a loss curve sampled at P equally spaced points of a linear path.

#include <span>

namespace bs {

// The four metrics of one curve (definitions in docs/analysis.md). Each is NaN when the curve
// holds a non-finite value.
struct BarrierMetrics {
    double barrierHeight = 0.0; // Entezari et al.: highest point above the endpoint chord
    double convexityGap = 0.0;  // highest barrier height over every sub-segment of >= 3 points
    double peakExcess = 0.0; // highest point above the higher endpoint (tells a bump from a climb)
    double auc = 0.0;        // area under the curve minus its minimum, alpha in [0, 1]
};

// Every function takes the losses L[0..P-1] at alpha = k / (P-1) and throws bs::Error if P < 2.

// max(0, max_k L[k] - ((P-1-k) L[0] + k L[P-1]) / (P-1)).
double barrierHeight(std::span<const double> losses);
// max over slices i < j with j - i >= 2 of the barrier height of L[i..j]; 0 when P == 2.
double convexityGap(std::span<const double> losses);
// max(0, max_k L[k] - max(L[0], L[P-1])).
double peakExcess(std::span<const double> losses);
// Trapezoid rule with step 1/(P-1) over L[k] - min_k L[k].
double areaUnderCurve(std::span<const double> losses);

BarrierMetrics barrierMetrics(std::span<const double> losses);

} // namespace bs
