#pragma once
// The reference the Hessian tests compare against: the operator's Hessian formed densely by
// central differences of its gradient, column by column (accurate to about 1e-6 relative for
// the classifier head in float64 with h = 1e-4).

#include "core/landscape/hessian.h"

#include <ATen/ATen.h>
#include <Eigen/Dense>

namespace bs::test {

inline Eigen::MatrixXd denseHessian(const HessianOperator& op, const at::Tensor& point,
                                    double h = 1e-4) {
    const int64_t n = op.size();
    Eigen::MatrixXd dense(n, n);
    const at::Tensor base = op.gather(point);
    for (int64_t i = 0; i < n; ++i) {
        at::Tensor plus = base.clone(), minus = base.clone();
        plus[i] += h;
        minus[i] -= h;
        const at::Tensor column =
            ((op.gradient(op.scatter(plus, point)) - op.gradient(op.scatter(minus, point))) /
             (2 * h))
                .contiguous();
        const double* values = column.data_ptr<double>();
        for (int64_t j = 0; j < n; ++j)
            dense(j, i) = values[j];
    }
    return dense;
}

} // namespace bs::test
