#pragma once
// Examples whose predicted label changes along the line between two models, and where.

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

struct FlippedExample {
    int64_t index = 0;              // position in the study's sample of the dataset
    int64_t row = 0;                // data row in the source file (0-based)
    std::string textA, textB;       // premise / hypothesis (textB empty for single sentences)
    int64_t gold = -1;              // index into labelNames
    std::vector<int64_t> predicted; // per alpha, index into labelNames
    double firstFlip = 0.0;         // the first alpha whose prediction differs from alpha = 0
    int64_t changes = 0;            // how often the prediction changes along the line
    bool endsDiffer = false;        // the two models predict differently
};

struct FlipAnalysis {
    std::string first, second, dataset;
    std::vector<std::string> labelNames;
    std::vector<double> alphas;
    int64_t examples = 0;                // examples looked at
    std::vector<FlippedExample> flipped; // only those whose prediction changes somewhere
    bool complete = false;               // false when cancelled (alphas then stop early)
};

// An example on which two groups of models (two clusters) disagree: the label most of each
// group predicts, and how many of the group predict it.
struct GroupDisagreement {
    int64_t index = 0, row = 0;
    std::string textA, textB;
    int64_t gold = -1;
    int64_t firstLabel = -1, secondLabel = -1;  // the majority label of each group
    double firstShare = 0.0, secondShare = 0.0; // fraction of the group that predicts it
};

struct GroupFlipAnalysis {
    std::string dataset;
    std::vector<std::string> labelNames;
    std::vector<std::string> firstModels, secondModels;
    int64_t examples = 0;
    std::vector<GroupDisagreement> disagreements; // majority labels differ
};

// Fills `analysis.disagreements` from each group's predictions[model][example]; a tie for the
// majority goes to the lower label.
void collectGroupDisagreements(GroupFlipAnalysis& analysis,
                               const std::vector<std::vector<int64_t>>& first,
                               const std::vector<std::vector<int64_t>>& second,
                               const std::vector<int64_t>& gold, const std::vector<int64_t>& rows);

// row, gold, first_label, first_share, second_label, second_share, text_a, text_b.
std::string groupFlipsCsv(const GroupFlipAnalysis& analysis);

// Fills `analysis.flipped` from predictions[k][e] (dataset label of example e at alphas[k]) and
// gold labels; rows and texts are filled in by the caller. Only the points computed count.
void collectFlips(FlipAnalysis& analysis, const std::vector<std::vector<int64_t>>& predictions,
                  const std::vector<int64_t>& gold, const std::vector<int64_t>& rows);

// One line per flipped example: row, first_flip, changes, ends_differ, gold, prediction at
// each alpha (column "alpha=0.25"), text_a, text_b. RFC 4180 quoting.
std::string flipsCsv(const FlipAnalysis& analysis);

} // namespace bs
