#include "core/zoo/fine_tuning.h"

#include "core/common/error.h"
#include "core/data/sampling.h"
#include "core/landscape/encoded_dataset.h"
#include "core/models/sequence_classifier.h"
#include "core/zoo/training.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <numeric>

namespace bs::zoo {

namespace {

void copyPretrained(SequenceClassifier& model, const std::vector<NamedTensor>& pretrained) {
    ParameterSet& params = model.parameters();
    const at::NoGradGuard noGrad;
    int64_t copied = 0;
    for (const NamedTensor& t : pretrained) {
        if (t.name.rfind("bert.", 0) != 0)
            continue;
        const int64_t i = params.find(t.name);
        if (i < 0)
            throw Error("fine-tuning: the pre-trained tensor '" + t.name +
                        "' has no parameter in the classifier");
        params.tensor(static_cast<size_t>(i)).copy_(t.tensor);
        ++copied;
    }
    int64_t encoder = 0;
    for (const NamedTensor& t : params.items())
        encoder += t.name.rfind("bert.", 0) == 0 ? 1 : 0;
    if (copied != encoder)
        throw Error("fine-tuning: the pre-trained encoder has " + std::to_string(copied) +
                    " tensors, the classifier's encoder " + std::to_string(encoder));
}

// normal(0, initializer_range) weights and zero biases for the named head parameters, drawn
// in float64 from `seed` as initializeWeights does.
void drawHead(SequenceClassifier& model, const std::vector<std::string>& prefixes, uint64_t seed) {
    at::Generator g = at::make_generator<at::CPUGeneratorImpl>(seed);
    const double stddev = model.config().initializerRange;
    const at::NoGradGuard noGrad;
    for (const NamedTensor& t : model.parameters().items()) {
        const bool selected = std::any_of(prefixes.begin(), prefixes.end(),
                                          [&](const auto& p) { return t.name.rfind(p, 0) == 0; });
        if (!selected)
            continue;
        if (t.name.size() >= 5 && t.name.compare(t.name.size() - 5, 5, ".bias") == 0)
            t.tensor.zero_();
        else
            t.tensor.copy_(at::empty(t.tensor.sizes(), at::kDouble).normal_(0.0, stddev, g));
    }
}

// Endless batches of example indices: each epoch a new Fisher-Yates permutation.
class Order {
public:
    Order(int64_t size, uint64_t seed)
        : m_rng(seed)
        , m_perm(static_cast<size_t>(size)) {
        reshuffle();
    }
    std::vector<int64_t> next(int64_t batch) {
        std::vector<int64_t> out;
        while (static_cast<int64_t>(out.size()) < batch) {
            if (m_pos == m_perm.size())
                reshuffle();
            out.push_back(m_perm[m_pos++]);
        }
        return out;
    }

private:
    void reshuffle() {
        std::iota(m_perm.begin(), m_perm.end(), 0);
        for (size_t i = m_perm.size(); i > 1; --i)
            std::swap(m_perm[i - 1], m_perm[m_rng.below(i)]);
        m_pos = 0;
    }
    SplitMix64 m_rng;
    std::vector<int64_t> m_perm;
    size_t m_pos = 0;
};

} // namespace

void fineTune(SequenceClassifier& model, const std::vector<NamedTensor>& pretrained,
              const EncodedDataset& train, const FinetuneRecipe& recipe, uint64_t seed,
              const CheckpointFn& onCheckpoint, const FinetuneStepFn& onStep) {
    if (train.size() == 0)
        throw Error("fine-tuning: the training set is empty");
    const ModelConfig& config = model.config();
    for (int64_t label : train.labels)
        if (label < 0 || label >= config.numLabels())
            throw Error("fine-tuning: label id " + std::to_string(label) +
                        " is outside the model's " + std::to_string(config.numLabels()) +
                        " labels");
    setRequiresGrad(model, false);
    copyPretrained(model, pretrained);
    drawHead(model, {"classifier."}, deriveSeed(recipe.sharedHead ? recipe.seed : seed, "head"));

    setRequiresGrad(model, true);
    std::vector<at::Tensor> params;
    std::vector<std::string> names;
    for (const NamedTensor& t : model.parameters().items()) {
        params.push_back(t.tensor);
        names.push_back(t.name);
    }
    AdamW optimizer(params, names, recipe.weightDecay);
    model.setDropoutGenerator(
        at::make_generator<at::CPUGeneratorImpl>(deriveSeed(seed, "dropout")));
    Order order(train.size(), deriveSeed(seed, "order"));
    const int64_t steps = recipe.steps;
    const int64_t warmup = static_cast<int64_t>(recipe.warmup * static_cast<double>(steps));
    const int64_t padId = config.padTokenId;
    std::vector<int> checkpoints = recipe.checkpoints;
    std::sort(checkpoints.begin(), checkpoints.end());

    const auto checkpoint = [&](int step) {
        model.setTraining(false);
        setRequiresGrad(model, false);
        onCheckpoint(step, model);
        setRequiresGrad(model, true);
    };
    for (int64_t step = 0; step < steps; ++step) {
        model.setTraining(true);
        const std::vector<int64_t> rows = order.next(recipe.batch);
        std::vector<std::vector<int64_t>> ids, types;
        std::vector<int64_t> labels;
        for (int64_t r : rows) {
            ids.push_back(train.inputIds[size_t(r)]);
            types.push_back(train.tokenTypeIds[size_t(r)]);
            labels.push_back(train.labels[size_t(r)]);
        }
        optimizer.zeroGrad();
        const at::Tensor logits = model.forward(padBatch(ids, types, padId));
        const at::Tensor loss = at::cross_entropy_loss(logits, at::tensor(labels, at::kLong));
        loss.backward();
        optimizer.step(linearWarmupDecay(step, steps, warmup, recipe.lr));
        if (onStep)
            onStep(step + 1, steps, loss.item<double>());
        const int done = static_cast<int>(step + 1);
        if (onCheckpoint && std::binary_search(checkpoints.begin(), checkpoints.end(), done))
            checkpoint(done);
    }
    model.setTraining(false);
    model.setDropoutGenerator(at::Generator());
    setRequiresGrad(model, false);
    if (onCheckpoint)
        onCheckpoint(static_cast<int>(steps), model);
}

} // namespace bs::zoo
