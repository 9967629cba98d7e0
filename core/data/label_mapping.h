#pragma once
// LabelMapping: which model logits score each dataset label, matched by label name.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

struct LabelMapping {
    // Per dataset label: the model logits to use. More than one index means "take the max"
    // (a 3-way NLI model on 2-way HANS: non-entailment = max(neutral, contradiction)), which
    // predicts the same class as collapsing the 3-way argmax.
    std::vector<std::vector<int64_t>> modelIndices;
    std::vector<std::string> datasetLabels; // as given to mapLabels
    std::vector<std::string> modelLabels;   // as given to mapLabels (the model's id2label)

    // "entailment <- entailment (0); non-entailment <- max(neutral (1), contradiction (2))".
    std::string describe() const;
    // True when dataset label k is exactly model logit k for every k and the counts agree.
    bool isIdentity() const;
};

// Lower case, with '-', '_' and ' ' removed: "NON_ENTAILMENT" -> "nonentailment".
std::string normalizeLabelName(std::string_view name);

// Equal once normalised, where the prefixes "non" and "not" are the same:
// non-entailment == not_entailment == NON_ENTAILMENT.
bool sameLabelName(std::string_view a, std::string_view b);

// Matches dataset labels to model labels by name. Rules, in order:
//  1. sameLabelName;
//  2. a dataset label "non-X"/"not-X" that the model lacks, where the model has X: every
//     model label except X (the max rule);
//  3. a dataset label that is a decimal integer k matches the model's generic "LABEL_k".
// Throws bs::Error listing both label sets (and how to name the model's labels) when a
// dataset label cannot be matched, or when names repeat after normalisation.
LabelMapping mapLabels(const std::vector<std::string>& datasetLabels,
                       const std::vector<std::string>& modelLabels);

} // namespace bs
