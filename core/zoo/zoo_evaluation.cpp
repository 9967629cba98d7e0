#include "core/zoo/zoo_evaluation.h"

#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/model_config.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/wordpiece_tokenizer.h"

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
    std::unique_ptr<Evaluator> dev, conflicts, noCue;
};

ZooEvaluation::ZooEvaluation(const std::filesystem::path& dataDir,
                             const WordPieceTokenizer& tokenizer, const ModelConfig& config,
                             int64_t batchSize)
    : m_impl(std::make_unique<Impl>()) {
    EvalOptions options;
    options.batchSize = batchSize;
    const auto make = [&](const char* file) {
        const Dataset d = load(dataDir / file, "cola");
        const EncodedDataset encoded = encodeDataset(d, &tokenizer, config.maxPositions);
        return std::make_unique<Evaluator>(encoded, config,
                                           mapLabels(d.labelNames, config.id2label), options);
    };
    m_impl->dev = make("dev.tsv");
    m_impl->conflicts = make("cue_conflicts.tsv");
    m_impl->noCue = make("no_cue.tsv");
}

ZooEvaluation::~ZooEvaluation() = default;

ZooModelScores ZooEvaluation::evaluate(const SequenceClassifier& model) const {
    ZooModelScores s;
    const Evaluation dev = m_impl->dev->evaluate(model);
    const Evaluation conflicts = m_impl->conflicts->evaluate(model);
    const Evaluation noCue = m_impl->noCue->evaluate(model);
    s.devAccuracy = dev.accuracy;
    s.devLoss = dev.loss;
    s.conflictsAccuracy = conflicts.accuracy;
    s.conflictsLoss = conflicts.loss;
    s.noCueAccuracy = noCue.accuracy;
    s.noCueLoss = noCue.loss;
    return s;
}

} // namespace bs::zoo
