#include "core/landscape/trajectory_pca.h"

#include "core/common/error.h"

#include <ATen/ATen.h>
#include <Eigen/Eigenvalues>

#include <cmath>

namespace bs {

namespace {

constexpr int64_t kChunk = int64_t(1) << 20;

// Rows (checkpoint - final) of one chunk in double, centred, with the final's zero row last.
at::Tensor centredRows(const std::vector<at::Tensor>& checkpoints, const at::Tensor& final,
                       int64_t start, int64_t length) {
    const at::Tensor f = final.narrow(0, start, length).to(at::kCPU, at::kDouble);
    std::vector<at::Tensor> rows;
    for (const at::Tensor& c : checkpoints)
        rows.push_back(c.narrow(0, start, length).to(at::kCPU, at::kDouble) - f);
    rows.push_back(at::zeros_like(f));
    at::Tensor x = at::stack(rows);
    return x - x.mean(0, true);
}

} // namespace

TrajectoryPca trajectoryPca(const std::vector<at::Tensor>& checkpoints, const at::Tensor& final) {
    at::NoGradGuard noGrad;
    if (checkpoints.size() < 2)
        throw Error("a trajectory plane needs at least two checkpoints besides the final model, "
                    "found " +
                    std::to_string(checkpoints.size()));
    const int64_t n = final.numel();
    for (const at::Tensor& c : checkpoints)
        if (c.numel() != n)
            throw Error("the checkpoints of a trajectory have different sizes");
    const int64_t rows = static_cast<int64_t>(checkpoints.size()) + 1;

    // The rows are few and the parameters many: the eigenvectors of the rows' Gram matrix are
    // the left singular vectors of the centred matrix, and give the components as combinations
    // of the rows without ever forming a covariance over the parameters.
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(rows, rows);
    for (int64_t start = 0; start < n; start += kChunk) {
        const int64_t length = std::min(kChunk, n - start);
        const at::Tensor x = centredRows(checkpoints, final, start, length);
        const at::Tensor g = at::mm(x, x.t()).contiguous();
        gram += Eigen::Map<const Eigen::MatrixXd>(g.data_ptr<double>(), rows, rows);
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
    if (solver.info() != Eigen::Success)
        throw Error("the eigen-decomposition of the trajectory's Gram matrix failed");
    const Eigen::VectorXd values = solver.eigenvalues(); // ascending
    const double total = gram.trace();
    const double first = values(rows - 1), second = values(rows - 2);
    // Rounding leaves eigenvalues of about 1e-16 of the largest where the rows span no more.
    if (!(total > 0) || !(second > 1e-12 * first))
        throw Error("the checkpoints of the trajectory do not span a plane (they coincide or lie "
                    "on one line)");

    TrajectoryPca out;
    out.explainedVariance = {first / total, second / total};
    const at::Tensor weights = at::empty({rows, 2}, at::kDouble);
    for (int64_t r = 0; r < rows; ++r) {
        weights[r][0] = solver.eigenvectors()(r, rows - 1) / std::sqrt(first);
        weights[r][1] = solver.eigenvectors()(r, rows - 2) / std::sqrt(second);
    }
    out.u = at::empty_like(final);
    out.v = at::empty_like(final);
    at::Tensor projections = at::zeros({rows - 1, 2}, at::kDouble);
    for (int64_t start = 0; start < n; start += kChunk) {
        const int64_t length = std::min(kChunk, n - start);
        const at::Tensor x = centredRows(checkpoints, final, start, length);
        const at::Tensor components = at::mm(x.t(), weights); // [length, 2], unit columns
        out.u.narrow(0, start, length).copy_(components.select(1, 0));
        out.v.narrow(0, start, length).copy_(components.select(1, 1));
        // The paper projects the uncentred (checkpoint - final), so the final model is (0, 0).
        const at::Tensor f = final.narrow(0, start, length).to(at::kCPU, at::kDouble);
        for (size_t c = 0; c < checkpoints.size(); ++c)
            projections[static_cast<int64_t>(c)] +=
                at::mv(components.t(),
                       checkpoints[c].narrow(0, start, length).to(at::kCPU, at::kDouble) - f);
    }
    for (int64_t axis = 0; axis < 2; ++axis) {
        const at::Tensor column = projections.select(1, axis);
        const int64_t farthest = column.abs().argmax().item<int64_t>();
        const bool flip = column[farthest].item<double>() < 0;
        if (flip) {
            column.neg_();
            (axis == 0 ? out.u : out.v).neg_();
        }
        for (int64_t c = 0; c < rows - 1; ++c)
            (axis == 0 ? out.x : out.y).push_back(column[c].item<double>());
    }
    return out;
}

} // namespace bs
