#include "core/landscape/curve_path.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

namespace bs {

std::array<double, 3> curveWeights(CurveKind kind, double t) {
    if (!(t >= 0 && t <= 1))
        throw Error("a curve parameter must lie in [0, 1]");
    if (kind == CurveKind::Bezier)
        return {(1 - t) * (1 - t), 2 * t * (1 - t), t * t};
    if (t <= 0.5)
        return {1 - 2 * t, 2 * t, 0.0};
    return {0.0, 2 - 2 * t, 2 * t - 1};
}

at::Tensor curvePoint(CurveKind kind, const at::Tensor& a, const at::Tensor& control,
                      const at::Tensor& b, double t) {
    if (t == 0)
        return a;
    if (t == 1)
        return b;
    const auto [wa, wc, wb] = curveWeights(kind, t);
    at::NoGradGuard noGrad;
    return a * wa + control * wc + b * wb;
}

at::Tensor straightControl(CurveKind, const at::Tensor& a, const at::Tensor& b) {
    // Both kinds pass through the midpoint at t = 1/2 with this control point; the Bezier
    // curve is then the line itself (with a non-uniform speed), the polychain exactly the line.
    at::NoGradGuard noGrad;
    return (a + b) * 0.5;
}

} // namespace bs
