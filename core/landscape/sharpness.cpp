#include "core/landscape/sharpness.h"

#include "core/common/error.h"
#include "core/common/progress.h"
#include "core/landscape/batch_loss.h"
#include "core/landscape/parameter_space.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <numeric>

namespace bs {

SharpnessValue epsilonSharpness(ParameterSpace& space, const at::Tensor& flat,
                                const Evaluator& evaluator, const SharpnessOptions& options,
                                const Progress& progress) {
    if (!(options.epsilon > 0) || options.steps < 0 || options.batchSize < 1 ||
        options.accumulate < 1 || !(options.learningRate > 0))
        throw Error("sharpness: epsilon, learning rate, batch size and accumulation must be "
                    "positive and steps non-negative");
    const int64_t n = evaluator.data().size();
    if (n == 0)
        throw Error("sharpness: the dataset is empty");

    SharpnessValue value;
    space.set(flat);
    value.initialLoss = evaluator.evaluate(space.model()).loss;
    value.maximumLoss = value.initialLoss;

    at::Tensor radius, low, high, y;
    {
        at::NoGradGuard noGrad;
        radius = (flat.abs() + 1.0) * options.epsilon;
        low = flat - radius;
        high = flat + radius;
        y = flat.clone();
    }
    // A private model whose parameters are views of y, rebuilt every update so autograd
    // always sees fresh views of the current y.
    auto model = createClassifier(space.config(), flat.scalar_type());
    model->parameters().moveTo(flat.device());
    const auto& slots = space.layout();

    // Batch order: a seeded permutation, cycled.
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    uint64_t state = options.seed * 0x9E3779B97F4A7C15ULL + 1;
    for (int64_t i = n - 1; i > 0; --i) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        std::swap(order[static_cast<size_t>(i)], order[state % static_cast<uint64_t>(i + 1)]);
    }
    int64_t cursor = 0;
    auto nextBatch = [&] {
        std::vector<int64_t> batch;
        for (int64_t b = 0; b < std::min(options.batchSize, n); ++b) {
            batch.push_back(order[static_cast<size_t>(cursor)]);
            cursor = (cursor + 1) % n;
        }
        return batch;
    };

    auto evaluateAt = [&] {
        space.set(y);
        value.maximumLoss = std::max(value.maximumLoss, evaluator.evaluate(space.model()).loss);
    };
    for (int64_t step = 1; step <= options.steps; ++step) {
        progress.step(step - 1, options.steps, "sharpness");
        at::Tensor leaf = y.detach().requires_grad_(true);
        for (size_t i = 0; i < slots.size(); ++i)
            model->parameters().rebind(
                i, leaf.narrow(0, slots[i].offset, slots[i].numel).view(slots[i].shape));
        for (int64_t a = 0; a < options.accumulate; ++a)
            batchLoss(*model, evaluator, nextBatch()).backward();
        {
            at::NoGradGuard noGrad;
            y = at::minimum(at::maximum(y + leaf.grad() * options.learningRate, low), high);
        }
        value.steps = step;
        if (step % options.evaluateEvery == 0 || step == options.steps)
            evaluateAt();
    }
    progress.step(options.steps, options.steps, "sharpness");
    space.set(flat);
    value.sharpness = (value.maximumLoss - value.initialLoss) / (1.0 + value.initialLoss) * 100.0;
    return value;
}

} // namespace bs
