#pragma once
// WordPieceTokenizer: Hugging Face BertTokenizer semantics (basic tokenization, greedy
// WordPiece, [CLS] A [SEP] B [SEP], token type ids, longest_first truncation).

#include "core/text/basic_tokenizer.h"
#include "core/text/vocabulary.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

// Settings of BertTokenizer (names of tokenizer_config.json in the comments).
struct TokenizerOptions {
    bool lowerCase = true;              // do_lower_case
    std::optional<bool> stripAccents;   // strip_accents; unset: same as lowerCase
    bool tokenizeChineseChars = true;   // tokenize_chinese_chars
    std::string unkToken = "[UNK]";     // unk_token (must be in the vocabulary)
    std::string clsToken = "[CLS]";     // cls_token (must be in the vocabulary)
    std::string sepToken = "[SEP]";     // sep_token (must be in the vocabulary)
    std::string padToken = "[PAD]";     // pad_token (optional)
    std::string maskToken = "[MASK]";   // mask_token (optional)
    int64_t maxInputCharsPerWord = 100; // longer words become [UNK]
};

// One encoded text or text pair: tokens and ids with the special tokens in place.
struct Encoding {
    std::vector<std::string> tokens;
    std::vector<int64_t> inputIds;
    std::vector<int64_t> tokenTypeIds; // 0 for [CLS] A [SEP], 1 for B [SEP]

    std::size_t size() const { return inputIds.size(); }
};

class WordPieceTokenizer {
public:
    // Throws bs::Error when a required special token is missing from the vocabulary.
    WordPieceTokenizer(Vocabulary vocab, TokenizerOptions options = {});
    static WordPieceTokenizer fromVocabFile(const std::filesystem::path& vocabFile,
                                            TokenizerOptions options = {});

    // Word pieces of `text` without [CLS]/[SEP]. Special tokens written in the text
    // (e.g. "[SEP]") are kept whole, as the Hugging Face tokenizers do.
    std::vector<std::string> tokenize(std::string_view text) const;
    // Ids of tokenize(text), appended to `ids`.
    void appendIds(std::string_view text, std::vector<int64_t>& ids) const;

    // [CLS] a [SEP] (b [SEP]). `maxLength` > 0 truncates to that many tokens in total
    // with longest_first (see truncation.h); 0 means no truncation. An empty `b` is
    // treated as absent, like transformers (`text_pair` is falsy). Throws bs::Error if
    // maxLength is positive but below the number of special tokens (2, or 3 for a pair).
    Encoding encode(std::string_view a, std::optional<std::string_view> b = std::nullopt,
                    int64_t maxLength = 0) const;

    // Id of a token; unknown tokens give unkId() (like convert_tokens_to_ids).
    int64_t tokenId(std::string_view token) const;
    // Token of an id; throws bs::Error for an id outside the vocabulary.
    const std::string& token(int64_t id) const { return m_vocab.token(id); }
    std::vector<std::string> idsToTokens(std::span<const int64_t> ids) const;
    int64_t vocabSize() const { return m_vocab.size(); }

    int64_t clsId() const { return m_clsId; }
    int64_t sepId() const { return m_sepId; }
    int64_t unkId() const { return m_unkId; }
    // Throws bs::Error if the vocabulary has no pad token.
    int64_t padId() const;
    bool hasPadToken() const { return m_padId >= 0; }

    const Vocabulary& vocabulary() const { return m_vocab; }
    const TokenizerOptions& options() const { return m_options; }

private:
    void wordPiece(std::string_view word, std::vector<int64_t>& ids) const;

    Vocabulary m_vocab;
    TokenizerOptions m_options;
    BasicTokenizer m_basic;
    int64_t m_clsId = -1;
    int64_t m_sepId = -1;
    int64_t m_unkId = -1;
    int64_t m_padId = -1;
    // Byte lengths of the longest word-initial and "##" entries (without the prefix).
    std::size_t m_longestWord = 0;
    std::size_t m_longestSuffix = 0;
    // Special tokens present in the vocabulary, matched in the raw text before cleaning.
    std::vector<std::pair<std::string, int64_t>> m_specialTokens;
};

} // namespace bs
