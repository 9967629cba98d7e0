#include "core/zoo/zoo_evaluation.h"

#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/model_config.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/wordpiece_tokenizer.h"

#include <ATen/ATen.h>

namespace bs::zoo {

namespace {

Dataset load(const std::filesystem::path& path, const std::string& format) {
    DatasetSpec spec;
    spec.path = path;
    spec.format = format;
    return loadDataset(spec);
}

} // namespace

struct ZooEvaluation::Impl {
    std::unique_ptr<Evaluator> dev, swaps, diagnostic;
    std::vector<std::string> subcase; // per diagnostic example
    std::vector<int64_t> diagnosticLabels;
    int64_t entailment = 0; // HANS label id of "entailment"
};

ZooEvaluation::ZooEvaluation(const std::filesystem::path& dataDir,
                             const WordPieceTokenizer& tokenizer, const ModelConfig& config,
                             int64_t batchSize)
    : m_impl(std::make_unique<Impl>()) {
    EvalOptions options;
    options.batchSize = batchSize;
    const auto make = [&](const Dataset& d) {
        const EncodedDataset encoded = encodeDataset(d, &tokenizer, config.maxPositions);
        return std::make_unique<Evaluator>(encoded, config,
                                           mapLabels(d.labelNames, config.id2label), options);
    };
    m_impl->dev = make(load(dataDir / "dev.tsv", "mnli"));
    m_impl->swaps = make(load(dataDir / "dev_swaps.tsv", "mnli"));
    const Dataset hans = load(dataDir / "diagnostic.txt", "hans");
    m_impl->diagnostic = make(hans);
    for (const Example& e : hans.examples) {
        m_impl->subcase.push_back(e.fields.at("subcase"));
        m_impl->diagnosticLabels.push_back(e.label);
    }
    m_impl->entailment = 0; // HANS labels: entailment, non-entailment
}

ZooEvaluation::~ZooEvaluation() = default;

ZooModelScores ZooEvaluation::evaluate(const SequenceClassifier& model) const {
    ZooModelScores s;
    const Evaluation dev = m_impl->dev->evaluate(model);
    const Evaluation swaps = m_impl->swaps->evaluate(model);
    s.devAccuracy = dev.accuracy;
    s.devLoss = dev.loss;
    s.swapsAccuracy = swaps.accuracy;
    s.swapsLoss = swaps.loss;
    // Predicted entailment = argmax is the model's "entailment" logit (id 0 in the zoo).
    const at::Tensor logits = m_impl->diagnostic->logits(model);
    const at::Tensor predicted = logits.argmax(1).eq(0).logical_not().to(at::kLong);
    const int64_t* p = predicted.data_ptr<int64_t>();
    std::map<std::string, std::pair<int64_t, int64_t>> bySubcase; // correct, total
    int64_t correct[2] = {0, 0}, total[2] = {0, 0};
    for (size_t i = 0; i < m_impl->subcase.size(); ++i) {
        const int64_t truth = m_impl->diagnosticLabels[i];
        const bool ok = p[i] == truth;
        auto& c = bySubcase[m_impl->subcase[i]];
        c.first += ok ? 1 : 0;
        c.second += 1;
        correct[truth] += ok ? 1 : 0;
        total[truth] += 1;
    }
    s.diagnosticEntailed = total[0] ? double(correct[0]) / double(total[0]) : 0.0;
    s.diagnosticNonEntailed = total[1] ? double(correct[1]) / double(total[1]) : 0.0;
    for (const auto& [name, c] : bySubcase)
        s.subcases[name] = double(c.first) / double(c.second);
    return s;
}

} // namespace bs::zoo
