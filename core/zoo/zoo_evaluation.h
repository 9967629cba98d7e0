#pragma once
// The accuracies a zoo manifest records per model, measured with the study's Evaluator.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bs {
class SequenceClassifier;
class WordPieceTokenizer;
struct ModelConfig;
} // namespace bs

namespace bs::zoo {

// Loss and accuracy of one model on the zoo's files.
struct ZooModelScores {
    double devAccuracy = 0.0, devLoss = 0.0;           // data/dev.tsv (in-domain)
    double swapsAccuracy = 0.0, swapsLoss = 0.0;       // data/dev_swaps.tsv (role swaps added)
    double diagnosticNonEntailed = 0.0;                // diagnostic.txt, non-entailment rows
    double diagnosticEntailed = 0.0;                   // diagnostic.txt, entailment rows
    std::map<std::string, double> subcases;            // accuracy per HANS subcase
};

// The zoo's evaluation sets, read through the dataset readers and encoded once.
// Evaluating is const and may run from several threads at once.
class ZooEvaluation {
public:
    // `dataDir` holds dev.tsv, dev_swaps.tsv and diagnostic.txt.
    ZooEvaluation(const std::filesystem::path& dataDir, const WordPieceTokenizer& tokenizer,
                  const ModelConfig& config, int64_t batchSize = 64);
    ~ZooEvaluation();

    ZooModelScores evaluate(const SequenceClassifier& model) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace bs::zoo
