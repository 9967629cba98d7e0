#include "core/landscape/hessian.h"

#include "core/analysis/random.h"
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/landscape/batch_loss.h"
#include "core/landscape/hessian_density.h"
#include "core/landscape/lanczos.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/plane_geometry.h"
#include "core/landscape/random_directions.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>
#include <Eigen/Eigenvalues>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bs {

HessianOperator::HessianOperator(const ParameterSpace& space, const at::Tensor& point,
                                 const Evaluator& evaluator, const std::string& group,
                                 int64_t batchSize)
    : m_evaluator(evaluator)
    , m_layout(space.layout())
    , m_point(point.detach()) {
    if (batchSize < 1)
        throw Error("Hessian: the batch size must be positive");
    for (const ParameterSlot& slot : m_layout)
        if (slot.name.starts_with(group)) {
            m_ranges.emplace_back(slot.offset, slot.numel);
            m_size += slot.numel;
        }
    if (m_size == 0)
        throw Error("Hessian: no parameter name starts with '" + group + "' (names look like '" +
                    m_layout.front().name + "')");
    const int64_t n = evaluator.data().size();
    if (n == 0)
        throw Error("Hessian: the dataset is empty");
    for (int64_t start = 0; start < n; start += batchSize) {
        std::vector<int64_t> batch;
        for (int64_t e = start; e < std::min(n, start + batchSize); ++e)
            batch.push_back(e);
        m_batches.push_back(std::move(batch));
    }
    m_model = createClassifier(space.config(), point.scalar_type());
    m_model->parameters().moveTo(point.device());
}

HessianOperator::~HessianOperator() = default;

at::Tensor HessianOperator::gather(const at::Tensor& full) const {
    std::vector<at::Tensor> parts;
    for (const auto& [offset, numel] : m_ranges)
        parts.push_back(full.narrow(0, offset, numel));
    return at::cat(parts);
}

at::Tensor HessianOperator::scatter(const at::Tensor& group, const at::Tensor& base) const {
    at::Tensor full = base.clone();
    int64_t at = 0;
    for (const auto& [offset, numel] : m_ranges) {
        full.narrow(0, offset, numel).copy_(group.narrow(0, at, numel));
        at += numel;
    }
    return full;
}

at::Tensor HessianOperator::bindLeaf(const at::Tensor& point) const {
    at::Tensor leaf = point.detach().clone().requires_grad_(true);
    for (size_t i = 0; i < m_layout.size(); ++i)
        m_model->parameters().rebind(
            i, leaf.narrow(0, m_layout[i].offset, m_layout[i].numel).view(m_layout[i].shape));
    return leaf;
}

at::Tensor HessianOperator::apply(const at::Tensor& v) const {
    const at::Tensor vFull =
        scatter(v.to(m_point.device(), m_point.scalar_type()), at::zeros_like(m_point));
    const double n = static_cast<double>(m_evaluator.data().size());
    at::Tensor sum = at::zeros_like(m_point);
    for (const auto& batch : m_batches) {
        const at::Tensor leaf = bindLeaf(m_point);
        // The dataset's mean loss is the batches' means weighted by their share of examples.
        const at::Tensor loss =
            batchLoss(*m_model, m_evaluator, batch) * (static_cast<double>(batch.size()) / n);
        const at::Tensor grad = torch::autograd::grad({loss}, {leaf}, {}, /*retain_graph=*/true,
                                                      /*create_graph=*/true)[0];
        const at::Tensor product = torch::autograd::grad({(grad * vFull).sum()}, {leaf})[0];
        sum += product.detach();
    }
    return gather(sum);
}

at::Tensor HessianOperator::gradient(const at::Tensor& point) const {
    const double n = static_cast<double>(m_evaluator.data().size());
    at::Tensor sum = at::zeros_like(point);
    for (const auto& batch : m_batches) {
        const at::Tensor leaf = bindLeaf(point);
        const at::Tensor loss =
            batchLoss(*m_model, m_evaluator, batch) * (static_cast<double>(batch.size()) / n);
        sum += torch::autograd::grad({loss}, {leaf})[0].detach();
    }
    return gather(sum);
}

HessianValue hessianSpectrum(const HessianOperator& op, const HessianOptions& options,
                             const Progress& progress) {
    if (options.topK < 1 || options.lanczosSteps < 1 || options.traceSamples < 0)
        throw Error("Hessian: top-k and Lanczos steps must be positive, trace samples not "
                    "negative");
    if (options.densityRuns < 0 ||
        (options.densityRuns > 0 &&
         (options.densitySteps < 1 || options.densityGrid < 2 || !(options.densitySigma >= 0) ||
          !std::isfinite(options.densitySigma))))
        throw Error("Hessian density: runs must not be negative, Lanczos steps positive, the "
                    "grid at least 2 points and sigma a number >= 0");
    at::NoGradGuard outside; // products open their own graphs
    HessianValue value;
    value.parameters = op.size();
    const int64_t steps = std::min(options.lanczosSteps, op.size());
    const int64_t total = steps + options.traceSamples +
                          options.densityRuns * std::min(options.densitySteps, op.size());
    int64_t done = 0;
    const auto product = [&](const at::Tensor& v) {
        progress.step(done, total, "Hessian");
        at::Tensor hv;
        {
            at::AutoGradMode enable(true);
            hv = op.apply(v);
        }
        ++done;
        ++value.products;
        return hv;
    };
    const at::Tensor start = gaussianVector(op.size(), directionSeed(options.seed, 0));
    const at::Tensor like = op.like();
    const auto asVector = [&](const at::Tensor& t) {
        return t.to(like.device(), like.scalar_type());
    };
    const LanczosTridiagonal lanczosT =
        lanczos(product, asVector(start / std::sqrt(flatDot(start, start))), steps);
    const std::vector<double>& alpha = lanczosT.alpha;
    const std::vector<double>& beta = lanczosT.beta;
    const double lastBeta = lanczosT.lastBeta;
    const int64_t m = static_cast<int64_t>(alpha.size());
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m, m);
    for (int64_t i = 0; i < m; ++i) {
        t(i, i) = alpha[static_cast<size_t>(i)];
        if (i + 1 < m)
            t(i, i + 1) = t(i + 1, i) = beta[static_cast<size_t>(i)];
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(t);
    for (int64_t k = 0; k < std::min(options.topK, m); ++k) {
        const int64_t i = m - 1 - k; // ascending order
        value.eigenvalues.push_back(solver.eigenvalues()(i));
        value.eigenvalueErrors.push_back(std::abs(lastBeta * solver.eigenvectors()(m - 1, i)));
    }

    // Hutchinson: E[v^T H v] = trace(H) for Rademacher v.
    if (options.traceSamples == 0) {
        value.trace = value.traceStandardError = std::numeric_limits<double>::quiet_NaN();
    } else {
        Rng rng(directionSeed(options.seed, 1));
        std::vector<double> samples;
        at::Tensor v = at::empty({op.size()}, at::kDouble);
        for (int64_t s = 0; s < options.traceSamples; ++s) {
            double* values = v.data_ptr<double>();
            for (int64_t i = 0; i < op.size(); ++i)
                values[i] = (rng.next() >> 63) ? 1.0 : -1.0;
            const at::Tensor vv = asVector(v);
            samples.push_back(flatDot(vv, product(vv)));
        }
        double mean = 0;
        for (double x : samples)
            mean += x;
        mean /= double(samples.size());
        double squares = 0;
        for (double x : samples)
            squares += (x - mean) * (x - mean);
        value.trace = mean;
        value.traceStandardError =
            samples.size() > 1
                ? std::sqrt(squares / double(samples.size() - 1) / double(samples.size()))
                : std::numeric_limits<double>::infinity();
    }
    if (options.densityRuns > 0)
        value.density = slqDensity(product, op.size(), like, options);
    progress.step(total, total, "Hessian");
    return value;
}

} // namespace bs
