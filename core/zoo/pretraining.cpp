#include "core/zoo/pretraining.h"

#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/zoo/bert_encoder.h"
#include "core/zoo/training.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>

namespace bs::zoo {

namespace {

constexpr int64_t kIgnore = -100;

struct Heads {
    at::Tensor transformW, transformB, lnW, lnB, decoderBias;

    std::vector<NamedTensor> named() const {
        return {{"cls.predictions.bias", decoderBias},
                {"cls.predictions.transform.LayerNorm.bias", lnB},
                {"cls.predictions.transform.LayerNorm.weight", lnW},
                {"cls.predictions.transform.dense.bias", transformB},
                {"cls.predictions.transform.dense.weight", transformW}};
    }
};

Heads makeHeads(int64_t hidden, int64_t vocab, double stddev, uint64_t seed) {
    at::Generator g = at::make_generator<at::CPUGeneratorImpl>(seed);
    Heads h;
    h.transformW = at::empty({hidden, hidden}, at::kDouble).normal_(0.0, stddev, g).to(at::kFloat);
    h.transformB = at::zeros({hidden});
    h.lnW = at::ones({hidden});
    h.lnB = at::zeros({hidden});
    h.decoderBias = at::zeros({vocab});
    for (at::Tensor* t : {&h.transformW, &h.transformB, &h.lnW, &h.lnB, &h.decoderBias})
        t->requires_grad_(true);
    return h;
}

// One pre-training example before batching.
struct Example {
    std::vector<int64_t> ids, types, targets; // targets: kIgnore where not predicted
};

// Endless masked sentences: BERT's 15% selection, of which 80% [MASK], 10% a random word,
// 10% kept.
class Stream {
public:
    Stream(const ZooRecipe& recipe, const WordPieceTokenizer& tokenizer, uint64_t seed)
        : m_recipe(recipe.pretrain)
        , m_tokenizer(tokenizer)
        , m_sentences(Lexicon::standard(recipe.data.people, recipe.data.animals),
                      recipe.data.grammar, seed)
        , m_maskId(tokenizer.tokenId("[MASK]"))
        , m_firstWord(m_maskId + 1) {}

    Example next() {
        Example ex;
        const Encoding enc = m_tokenizer.encode(
            renderSentence(m_sentences.text(m_recipe.cueRate), m_sentences.lexicon()));
        ex.ids = enc.inputIds;
        ex.types = enc.tokenTypeIds;
        ex.targets.assign(ex.ids.size(), kIgnore);
        const int64_t vocab = m_tokenizer.vocabSize();
        for (size_t k = 0; k < ex.ids.size(); ++k) {
            if (ex.ids[k] == m_tokenizer.clsId() || ex.ids[k] == m_tokenizer.sepId())
                continue;
            if (m_sentences.uniform() >= m_recipe.maskRate)
                continue;
            ex.targets[k] = ex.ids[k];
            const double u = m_sentences.uniform();
            if (u < 0.8)
                ex.ids[k] = m_maskId;
            else if (u < 0.9)
                ex.ids[k] = m_firstWord + m_sentences.below(static_cast<int>(vocab - m_firstWord));
        }
        return ex;
    }

private:
    const PretrainRecipe& m_recipe;
    const WordPieceTokenizer& m_tokenizer;
    SentenceGenerator m_sentences;
    int64_t m_maskId = 0;
    int64_t m_firstWord = 0;
};

at::Tensor mlmLoss(const BertEncoderView& view, const Heads& heads, const SequenceClassifier& model,
                   const std::vector<Example>& batch, int64_t padId) {
    std::vector<std::vector<int64_t>> ids, types;
    std::vector<int64_t> targets, positions;
    int64_t longest = 0;
    for (const Example& ex : batch)
        longest = std::max<int64_t>(longest, static_cast<int64_t>(ex.ids.size()));
    for (size_t r = 0; r < batch.size(); ++r) {
        ids.push_back(batch[r].ids);
        types.push_back(batch[r].types);
        for (size_t k = 0; k < batch[r].targets.size(); ++k)
            if (batch[r].targets[k] != kIgnore) {
                positions.push_back(static_cast<int64_t>(r) * longest + static_cast<int64_t>(k));
                targets.push_back(batch[r].targets[k]);
            }
    }
    if (positions.empty())
        return at::zeros({});
    const at::Tensor hidden = view.hiddenStates(padBatch(ids, types, padId));
    const int64_t H = hidden.size(2);
    const at::Tensor picked =
        hidden.reshape({-1, H}).index_select(0, at::tensor(positions, at::kLong));
    at::Tensor x = at::gelu(models::linear(picked, heads.transformW, heads.transformB));
    x = at::layer_norm(x, {H}, heads.lnW, heads.lnB, model.config().layerNormEps);
    const at::Tensor& wordEmb = model.parameters().tensor(
        static_cast<size_t>(model.parameters().find("bert.embeddings.word_embeddings.weight")));
    const at::Tensor logits = models::linear(x, wordEmb, heads.decoderBias);
    return at::cross_entropy_loss(logits, at::tensor(targets, at::kLong));
}

} // namespace

PretrainResult pretrainEncoder(SequenceClassifier& model, const ZooRecipe& recipe,
                               const WordPieceTokenizer& tokenizer, const PretrainStepFn& onStep) {
    const PretrainRecipe& pr = recipe.pretrain;
    const ModelConfig& config = model.config();
    initializeWeights(model, deriveSeed(pr.seed, "pretrain-init"));
    const BertEncoderView view(model);
    Heads heads = makeHeads(config.hiddenSize, config.vocabSize, config.initializerRange,
                            deriveSeed(pr.seed, "pretrain-heads"));
    Stream stream(recipe, tokenizer, deriveSeed(pr.seed, "pretrain-data"));
    const int64_t padId = tokenizer.padId();

    // Trained: the embeddings and encoder layers, and the MLM head. The pooler gets no
    // gradient from MLM; leaving it out also keeps weight decay from shrinking it.
    std::vector<at::Tensor> params;
    std::vector<std::string> names;
    ParameterSet& set = model.parameters();
    for (const std::string& name : view.encoderParameterNames()) {
        if (name.rfind("bert.pooler.", 0) == 0)
            continue;
        at::Tensor t = set.tensor(static_cast<size_t>(set.find(name)));
        t.requires_grad_(true);
        params.push_back(t);
        names.push_back(name);
    }
    for (const NamedTensor& h : heads.named()) {
        params.push_back(h.tensor);
        names.push_back(h.name);
    }
    AdamW optimizer(params, names, pr.weightDecay);
    model.setDropoutGenerator(
        at::make_generator<at::CPUGeneratorImpl>(deriveSeed(pr.seed, "pretrain-dropout")));
    model.setTraining(true);

    PretrainResult result;
    const int64_t steps = pr.steps;
    const int64_t warmup = static_cast<int64_t>(pr.warmup * static_cast<double>(steps));
    const int64_t tail = std::max<int64_t>(1, steps / 10);
    double mlmSum = 0.0;
    int64_t tailCount = 0;
    for (int64_t step = 0; step < steps; ++step) {
        std::vector<Example> batch;
        for (int i = 0; i < pr.batch; ++i)
            batch.push_back(stream.next());
        optimizer.zeroGrad();
        const at::Tensor loss = mlmLoss(view, heads, model, batch, padId);
        if (loss.requires_grad())
            loss.backward();
        optimizer.step(linearWarmupDecay(step, steps, warmup, pr.lr));
        const double mlm = loss.item<double>();
        if (step >= steps - tail) {
            mlmSum += mlm;
            ++tailCount;
        }
        if (onStep)
            onStep(step + 1, steps, mlm);
    }
    model.setTraining(false);
    model.setDropoutGenerator(at::Generator());
    setRequiresGrad(model, false);
    if (tailCount > 0)
        result.mlmLoss = mlmSum / double(tailCount);
    for (const NamedTensor& h : heads.named())
        result.heads.push_back({h.name, h.tensor.detach().clone()});
    return result;
}

} // namespace bs::zoo
