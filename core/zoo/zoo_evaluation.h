#pragma once
// The accuracies a zoo manifest records per model, measured with the study's Evaluator.

#include <filesystem>
#include <memory>

namespace bs {
class SequenceClassifier;
class WordPieceTokenizer;
struct ModelConfig;
} // namespace bs

namespace bs::zoo {

// Loss and accuracy of one model on the zoo's files.
struct ZooModelScores {
    double devAccuracy = 0.0, devLoss = 0.0;             // data/dev.tsv (in-domain, natural)
    double conflictsAccuracy = 0.0, conflictsLoss = 0.0; // data/cue_conflicts.tsv
    double noCueAccuracy = 0.0, noCueLoss = 0.0;         // data/no_cue.tsv
};

// The zoo's evaluation sets, read through the dataset readers and encoded once.
// Evaluating is const and may run from several threads at once.
class ZooEvaluation {
public:
    // `dataDir` holds dev.tsv, cue_conflicts.tsv and no_cue.tsv (CoLA layout).
    ZooEvaluation(const std::filesystem::path& dataDir, const WordPieceTokenizer& tokenizer,
                  const ModelConfig& config, int64_t batchSize = 64);
    ~ZooEvaluation();

    ZooModelScores evaluate(const SequenceClassifier& model) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace bs::zoo
