#include "core/landscape/curve_training.h"

#include "core/analysis/random.h"
#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/landscape/batch_loss.h"
#include "core/landscape/parameter_space.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>

#include <cmath>
#include <numeric>

namespace bs {

namespace {

// Examples in a seeded order, reshuffled every pass (Fisher-Yates on bs::Rng: the same order on
// every machine).
class BatchOrder {
public:
    BatchOrder(int64_t examples, uint64_t seed)
        : m_rng(seed)
        , m_order(static_cast<size_t>(examples)) {
        std::iota(m_order.begin(), m_order.end(), 0);
        shuffle();
    }
    std::vector<int64_t> next(int64_t size) {
        std::vector<int64_t> batch;
        for (int64_t i = 0; i < std::min<int64_t>(size, int64_t(m_order.size())); ++i) {
            if (m_cursor == m_order.size()) {
                shuffle();
                m_cursor = 0;
            }
            batch.push_back(m_order[m_cursor++]);
        }
        return batch;
    }

private:
    void shuffle() {
        for (size_t i = m_order.size(); i > 1; --i)
            std::swap(m_order[i - 1], m_order[m_rng.below(i)]);
    }
    Rng m_rng;
    std::vector<int64_t> m_order;
    size_t m_cursor = 0;
};

} // namespace

CurveTraining trainCurve(const ParameterSpace& space, const at::Tensor& a, const at::Tensor& b,
                         const Evaluator& training, const CurveTrainingOptions& options,
                         const Progress& progress) {
    if (options.steps < 0 || options.batchSize < 1 || !(options.learningRate > 0) ||
        !std::isfinite(options.learningRate))
        throw Error("curve training: steps must be non-negative, the batch size and the "
                    "learning rate positive");
    const int64_t n = training.data().size();
    if (n == 0)
        throw Error("curve training: the training set is empty");

    CurveTraining out;
    at::Tensor control = straightControl(options.kind, a, b);
    at::Tensor first, second; // Adam's moment estimates
    if (options.optimizer == CurveOptimizer::Adam) {
        first = at::zeros_like(control);
        second = at::zeros_like(control);
    }
    constexpr double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    // A private model whose parameters are views of the current curve point, rebound every
    // step so autograd sees fresh leaves.
    auto model = createClassifier(space.config(), a.scalar_type());
    model->parameters().moveTo(a.device());
    const auto& slots = space.layout();
    // Separate streams for t and the batches: changing the batch size keeps the ts.
    Rng sampler(options.seed ^ 0x7c3f1b2d9e5a4c61ULL);
    BatchOrder batches(n, options.seed);

    for (int64_t step = 1; step <= options.steps; ++step) {
        progress.step(step - 1, options.steps, "curve training");
        const double t = sampler.uniform();
        const auto [wa, wc, wb] = curveWeights(options.kind, t);
        at::Tensor point;
        {
            at::NoGradGuard noGrad;
            point = a * wa + control * wc + b * wb;
        }
        point.requires_grad_(true);
        for (size_t i = 0; i < slots.size(); ++i)
            model->parameters().rebind(
                i, point.narrow(0, slots[i].offset, slots[i].numel).view(slots[i].shape));
        const at::Tensor loss = batchLoss(*model, training, batches.next(options.batchSize));
        loss.backward();
        {
            at::NoGradGuard noGrad;
            // d loss / d control = wc * d loss / d point: only the control point moves.
            const at::Tensor gradient = point.grad() * wc;
            if (options.optimizer == CurveOptimizer::Adam) {
                first.mul_(beta1).add_(gradient, 1 - beta1);
                second.mul_(beta2).addcmul_(gradient, gradient, 1 - beta2);
                const double correction1 = 1 - std::pow(beta1, double(step));
                const double correction2 = 1 - std::pow(beta2, double(step));
                const at::Tensor denominator = (second / correction2).sqrt_().add_(epsilon);
                control.addcdiv_(first, denominator, -options.learningRate / correction1);
            } else {
                control.add_(gradient, -options.learningRate);
            }
        }
        out.t.push_back(t);
        out.batchLosses.push_back(loss.item<double>());
    }
    progress.step(options.steps, options.steps, "curve training");
    out.control = control;
    return out;
}

} // namespace bs
