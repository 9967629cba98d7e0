#include "core/zoo/pretraining.h"

#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"
#include "core/text/wordpiece_tokenizer.h"
#include "core/zoo/bert_encoder.h"
#include "core/zoo/training.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>

#include <set>

namespace bs::zoo {

namespace {

constexpr int64_t kRestates = 0; // seq_relationship label 0 = "is next" in BertForPreTraining
constexpr int64_t kIgnore = -100;

struct Heads {
    at::Tensor transformW, transformB, lnW, lnB, decoderBias, seqW, seqB;

    std::vector<NamedTensor> named() const {
        return {{"cls.predictions.bias", decoderBias},
                {"cls.predictions.transform.LayerNorm.bias", lnB},
                {"cls.predictions.transform.LayerNorm.weight", lnW},
                {"cls.predictions.transform.dense.bias", transformB},
                {"cls.predictions.transform.dense.weight", transformW},
                {"cls.seq_relationship.bias", seqB},
                {"cls.seq_relationship.weight", seqW}};
    }
};

Heads makeHeads(int64_t hidden, int64_t vocab, double stddev, uint64_t seed) {
    at::Generator g = at::make_generator<at::CPUGeneratorImpl>(seed);
    const auto normal = [&](std::vector<int64_t> shape) {
        return at::empty(shape, at::kDouble).normal_(0.0, stddev, g).to(at::kFloat);
    };
    Heads h;
    h.transformW = normal({hidden, hidden});
    h.transformB = at::zeros({hidden});
    h.lnW = at::ones({hidden});
    h.lnB = at::zeros({hidden});
    h.decoderBias = at::zeros({vocab});
    h.seqW = normal({2, hidden});
    h.seqB = at::zeros({2});
    for (at::Tensor* t :
         {&h.transformW, &h.transformB, &h.lnW, &h.lnB, &h.decoderBias, &h.seqW, &h.seqB})
        t->requires_grad_(true);
    return h;
}

// One pre-training example before batching.
struct Example {
    std::vector<int64_t> ids, types, targets; // targets: kIgnore where not predicted
    int64_t nspLabel = kIgnore;               // kIgnore for single sentences
};

class Stream {
public:
    Stream(const ZooRecipe& recipe, const WordPieceTokenizer& tokenizer, uint64_t seed)
        : m_recipe(recipe.pretrain)
        , m_tokenizer(tokenizer)
        , m_pairs(Lexicon::standard(recipe.data.nouns, recipe.data.verbs), recipe.data.grammar,
                  seed) {
        const DataRecipe& d = recipe.data;
        m_related.weights = {{PairKind::Identical, d.identical},
                             {PairKind::VoiceSwitch, d.voiceSwitch},
                             {PairKind::DropModifier, d.dropModifier},
                             {PairKind::RelativeFact, d.relativeFact}};
        if (!(m_related.total() > 0))
            for (auto& [kind, w] : m_related.weights)
                w = 1.0;
        m_negatives.weights = {{PairKind::Unrelated, m_recipe.negUnrelated},
                               {PairKind::LowOverlap, m_recipe.negLowOverlap},
                               {PairKind::VerbReplaced, m_recipe.negVerbReplaced},
                               {PairKind::RoleSwap, m_recipe.negRoleSwap}};
        if (!(m_negatives.total() > 0))
            m_negatives.weights = {{PairKind::Unrelated, 1.0}};
        for (const std::string& noun : m_pairs.lexicon().nouns)
            m_nounIds.insert(tokenizer.tokenId(noun));
        m_firstWord = tokenizer.tokenId("[MASK]") + 1;
        m_maskId = tokenizer.tokenId("[MASK]");
    }

    Example next() {
        Example ex;
        const Lexicon& lex = m_pairs.lexicon();
        Encoding enc;
        if (m_pairs.uniform() < m_recipe.pairRate) {
            const bool related = m_pairs.uniform() < m_recipe.related;
            const ToyPair pair = m_pairs.sample(related ? m_related : m_negatives);
            enc = m_tokenizer.encode(renderSentence(pair.premise, lex),
                                     renderSentence(pair.hypothesis, lex));
            ex.nspLabel = related ? kRestates : 1 - kRestates;
        } else {
            enc = m_tokenizer.encode(renderSentence(m_pairs.sentence(), lex));
        }
        ex.ids = enc.inputIds;
        ex.types = enc.tokenTypeIds;
        ex.targets.assign(ex.ids.size(), kIgnore);
        const int64_t vocab = m_tokenizer.vocabSize();
        const auto special = [&](int64_t id) {
            return id == m_tokenizer.clsId() || id == m_tokenizer.sepId();
        };
        // Role masking: every noun of one sentence, so that it can only be recovered from
        // the other sentence (who did what to whom).
        if (ex.nspLabel != kIgnore && m_pairs.uniform() < m_recipe.roleMasking) {
            const int64_t segment = m_pairs.uniform() < 0.5 ? 0 : 1;
            for (size_t k = 0; k < ex.ids.size(); ++k)
                if (ex.types[k] == segment && m_nounIds.count(ex.ids[k])) {
                    ex.targets[k] = ex.ids[k];
                    ex.ids[k] = m_maskId;
                }
        }
        for (size_t k = 0; k < ex.ids.size(); ++k) {
            if (special(ex.ids[k]) || ex.targets[k] != kIgnore)
                continue;
            if (m_pairs.uniform() >= m_recipe.maskRate)
                continue;
            ex.targets[k] = ex.ids[k];
            const double u = m_pairs.uniform();
            if (u < 0.8)
                ex.ids[k] = m_maskId;
            else if (u < 0.9)
                ex.ids[k] = m_firstWord + m_pairs.below(static_cast<int>(vocab - m_firstWord));
        }
        return ex;
    }

    PairGenerator& pairs() { return m_pairs; }
    const KindWeights& related() const { return m_related; }

private:
    const PretrainRecipe& m_recipe;
    const WordPieceTokenizer& m_tokenizer;
    PairGenerator m_pairs;
    KindWeights m_related, m_negatives;
    std::set<int64_t> m_nounIds;
    int64_t m_firstWord = 0;
    int64_t m_maskId = 0;
};

struct Losses {
    at::Tensor mlm, nsp; // nsp undefined when the batch has no pairs
};

Losses forward(const BertEncoderView& view, const Heads& heads, const SequenceClassifier& model,
               const std::vector<Example>& batch, int64_t padId) {
    std::vector<std::vector<int64_t>> ids, types;
    std::vector<int64_t> targets, positions, nspLabels, nspRows;
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
        if (batch[r].nspLabel != kIgnore) {
            nspRows.push_back(static_cast<int64_t>(r));
            nspLabels.push_back(batch[r].nspLabel);
        }
    }
    const TokenBatch tokens = padBatch(ids, types, padId);
    const at::Tensor hidden = view.hiddenStates(tokens);
    const int64_t H = hidden.size(2);
    Losses out;
    if (!positions.empty()) {
        const at::Tensor picked =
            hidden.reshape({-1, H}).index_select(0, at::tensor(positions, at::kLong));
        at::Tensor x = at::gelu(models::linear(picked, heads.transformW, heads.transformB));
        x = at::layer_norm(x, {H}, heads.lnW, heads.lnB, model.config().layerNormEps);
        const at::Tensor& wordEmb = model.parameters().tensor(
            static_cast<size_t>(model.parameters().find("bert.embeddings.word_embeddings.weight")));
        const at::Tensor logits = models::linear(x, wordEmb, heads.decoderBias);
        out.mlm = at::cross_entropy_loss(logits, at::tensor(targets, at::kLong));
    } else {
        out.mlm = at::zeros({});
    }
    if (!nspRows.empty()) {
        const at::Tensor pooled =
            view.pooled(hidden).index_select(0, at::tensor(nspRows, at::kLong));
        const at::Tensor logits = models::linear(pooled, heads.seqW, heads.seqB);
        out.nsp = at::cross_entropy_loss(logits, at::tensor(nspLabels, at::kLong));
    }
    return out;
}

// Accuracy of the restates head on fresh unmasked pairs of each kind.
std::map<std::string, double> probeRestates(const BertEncoderView& view, const Heads& heads,
                                            const WordPieceTokenizer& tokenizer,
                                            PairGenerator& pairs, int64_t padId) {
    const at::InferenceMode inference;
    std::map<std::string, double> out;
    const std::vector<PairKind> kinds = {
        PairKind::Identical, PairKind::VoiceSwitch, PairKind::DropModifier, PairKind::RelativeFact,
        PairKind::Unrelated, PairKind::LowOverlap,  PairKind::VerbReplaced, PairKind::RoleSwap};
    constexpr int kPerKind = 128;
    for (PairKind kind : kinds) {
        std::vector<std::vector<int64_t>> ids, types;
        for (int i = 0; i < kPerKind; ++i) {
            const ToyPair p = pairs.make(kind);
            const Encoding enc = tokenizer.encode(renderSentence(p.premise, pairs.lexicon()),
                                                  renderSentence(p.hypothesis, pairs.lexicon()));
            ids.push_back(enc.inputIds);
            types.push_back(enc.tokenTypeIds);
        }
        const at::Tensor hidden = view.hiddenStates(padBatch(ids, types, padId));
        const at::Tensor predicted =
            models::linear(view.pooled(hidden), heads.seqW, heads.seqB).argmax(1);
        const int64_t expected =
            intendedLabel(kind) == NliLabel::Entailment ? kRestates : 1 - kRestates;
        out[pairKindName(kind)] = predicted.eq(expected).to(at::kDouble).mean().item<double>();
    }
    return out;
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

    // Trained: the encoder and pooler (what fine-tuning starts from) and the heads.
    std::vector<at::Tensor> params;
    std::vector<std::string> names;
    ParameterSet& set = model.parameters();
    for (const std::string& name : view.encoderParameterNames()) {
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
    double mlmSum = 0.0, nspSum = 0.0;
    int64_t tailCount = 0;
    for (int64_t step = 0; step < steps; ++step) {
        std::vector<Example> batch;
        for (int i = 0; i < pr.batch; ++i)
            batch.push_back(stream.next());
        optimizer.zeroGrad();
        const Losses losses = forward(view, heads, model, batch, padId);
        at::Tensor loss = losses.mlm;
        if (losses.nsp.defined() && pr.nspWeight > 0)
            loss = loss + pr.nspWeight * losses.nsp;
        loss.backward();
        optimizer.step(linearWarmupDecay(step, steps, warmup, pr.lr));
        const double mlm = losses.mlm.item<double>();
        const double nsp = losses.nsp.defined() ? losses.nsp.item<double>() : 0.0;
        if (step >= steps - tail) {
            mlmSum += mlm;
            nspSum += nsp;
            ++tailCount;
        }
        if (onStep)
            onStep(step + 1, steps, mlm, nsp);
    }
    model.setTraining(false);
    model.setDropoutGenerator(at::Generator());
    setRequiresGrad(model, false);
    if (tailCount > 0) {
        result.mlmLoss = mlmSum / double(tailCount);
        result.nspLoss = nspSum / double(tailCount);
    }
    PairGenerator probePairs(Lexicon::standard(recipe.data.nouns, recipe.data.verbs),
                             recipe.data.grammar, deriveSeed(pr.seed, "pretrain-probe"));
    result.probe = probeRestates(view, heads, tokenizer, probePairs, padId);
    for (const NamedTensor& h : heads.named())
        result.heads.push_back({h.name, h.tensor.detach().clone()});
    return result;
}

} // namespace bs::zoo
