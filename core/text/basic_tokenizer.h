#pragma once
// BasicTokenizer: BERT text cleaning, CJK splitting, lower-casing, accent stripping and
// whitespace/punctuation splitting (transformers' BasicTokenizer, tokenizers' BertNormalizer
// + BertPreTokenizer).

#include <string>
#include <string_view>
#include <vector>

namespace bs {

struct BasicTokenizerOptions {
    bool lowerCase = true;
    bool stripAccents = true;
    bool tokenizeChineseChars = true;
};

class BasicTokenizer {
public:
    explicit BasicTokenizer(BasicTokenizerOptions options = {})
        : m_options(options) {}

    // Appends the words of `text` (UTF-8; invalid bytes are dropped like U+FFFD) to `words`.
    // Steps: drop U+0000, U+FFFD and C* characters except \t \n \r; whitespace becomes a
    // separator; CJK ideographs become words of their own; lower-case (str.lower() per
    // character); strip accents (NFD, then drop Mn); split off each punctuation character.
    void split(std::string_view text, std::vector<std::string>& words) const;
    std::vector<std::string> split(std::string_view text) const;

    const BasicTokenizerOptions& options() const { return m_options; }

private:
    BasicTokenizerOptions m_options;
};

} // namespace bs
