#pragma once
// Writing toy-language sentences in public file layouts: CoLA TSV and a WordPiece vocab.txt.

#include "core/zoo/toy_language.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs::zoo {

// CoLA layout (in_domain_train.tsv): no header; source, label (1 acceptable, 0 not),
// original mark ("*" on unacceptable rows, as CoLA marks them), sentence. The source column
// holds the cue relation ("cue-agrees", "cue-conflicts", "no-cue") so that a study can keep
// one kind of row with a filter such as `source=cue-conflicts`.
void writeColaTsv(const std::filesystem::path& path, const std::vector<ToySentence>& sentences,
                  const Lexicon& lexicon);

// The source column of a sentence: its cue relation.
std::string colaSource(const ToySentence& s);

// vocab.txt: [PAD] [UNK] [CLS] [SEP] [MASK], then lexicon.words() (ids in that order).
void writeVocabulary(const std::filesystem::path& path, const Lexicon& lexicon);
std::vector<std::string> vocabularyTokens(const Lexicon& lexicon);

// tokenizer_config.json of a lower-casing BertTokenizer.
void writeTokenizerConfig(const std::filesystem::path& path);

// Writes `text` atomically (temporary sibling + rename); the bytes are exactly `text`.
void writeTextFile(const std::filesystem::path& path, const std::string& text);

} // namespace bs::zoo
