#pragma once
// Writing toy-language pairs in the public file layouts: MNLI TSV, HANS txt, WordPiece vocab.txt.

#include "core/zoo/toy_pairs.h"

#include <filesystem>
#include <vector>

namespace bs::zoo {

// A pair with the label written for it (meaning or overlap labels).
struct LabeledPair {
    ToyPair pair;
    NliLabel label = NliLabel::Neutral;
};

// MNLI layout: header, then one row per pair with the binary parses, Penn parses, the
// sentences and the labels; "genre" holds the pair kind (e.g. "role_swap"), so that a study
// can filter on it. `devLayout` writes label1..label5 (all the gold label) as the public
// dev_matched.tsv does; otherwise only label1, as in train.tsv. Ids are "toy-<row>".
void writeMnliTsv(const std::filesystem::path& path, const std::vector<LabeledPair>& pairs,
                  const Lexicon& lexicon, bool devLayout);

// A diagnostic pair with its case (for the heuristic/subcase/template columns).
struct DiagnosticPair {
    ToyPair pair;
    DiagnosticCase diagnosticCase = DiagnosticCase::SubjectObjectSwap;
};

// HANS heuristics_evaluation_set.txt layout: gold_label (entailment / non-entailment), the
// parses, sentence1, sentence2, pairID "ex<row>", heuristic, subcase, template ("temp<case>").
void writeHansTxt(const std::filesystem::path& path, const std::vector<DiagnosticPair>& pairs,
                  const Lexicon& lexicon);

// vocab.txt: [PAD] [UNK] [CLS] [SEP] [MASK], then lexicon.words() (ids in that order).
void writeVocabulary(const std::filesystem::path& path, const Lexicon& lexicon);
std::vector<std::string> vocabularyTokens(const Lexicon& lexicon);

// tokenizer_config.json of a lower-casing BertTokenizer.
void writeTokenizerConfig(const std::filesystem::path& path);

// Writes `text` atomically (temporary sibling + rename); the bytes are exactly `text`.
void writeTextFile(const std::filesystem::path& path, const std::string& text);

} // namespace bs::zoo
