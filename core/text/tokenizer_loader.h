#pragma once
// Loading the tokenizer of a Hugging Face model folder (vocab.txt + tokenizer_config.json).

#include "core/text/wordpiece_tokenizer.h"

#include <filesystem>

namespace bs {

// Reads the BertTokenizer settings of a tokenizer_config.json: do_lower_case,
// strip_accents, tokenize_chinese_chars, unk/cls/sep/pad/mask_token (a string or an
// AddedToken object with "content"). Missing fields keep their defaults. Throws
// bs::Error naming the file and field for malformed JSON, wrong types, or
// do_basic_tokenize false (a setting this tokenizer cannot honour).
TokenizerOptions readTokenizerConfig(const std::filesystem::path& configFile);

// The WordPiece tokenizer of a model folder: dir/vocab.txt, with dir/tokenizer_config.json
// when present. Folders with only a BPE (vocab.json, merges.txt), SentencePiece or
// tokenizer.json tokenizer get a bs::Error that suggests pre-tokenized JSONL input.
WordPieceTokenizer loadTokenizerForModel(const std::filesystem::path& modelDir);

} // namespace bs
