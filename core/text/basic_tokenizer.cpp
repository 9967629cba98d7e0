#include "core/text/basic_tokenizer.h"

#include "core/text/unicode.h"

#include <algorithm>

namespace bs {

namespace {

using unicode::CharClass;

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void flush(std::string& word, std::vector<std::string>& words) {
    if (!word.empty()) {
        words.push_back(word);
        word.clear();
    }
}

// ASCII has no CJK, no decompositions and one-to-one lower case, so it skips the
// UTF-32 round trip (most GLUE text takes this path).
void splitAscii(std::string_view text, bool lowerCase, std::vector<std::string>& words) {
    std::string word;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (unicode::charClass(c)) {
        case CharClass::Control:
            break;
        case CharClass::Whitespace:
            flush(word, words);
            break;
        case CharClass::Punctuation:
            flush(word, words);
            words.emplace_back(1, ch);
            break;
        default:
            word.push_back(lowerCase && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch);
        }
    }
    flush(word, words);
}

} // namespace

void BasicTokenizer::split(std::string_view text, std::vector<std::string>& words) const {
    if (isAscii(text)) {
        splitAscii(text, m_options.lowerCase, words);
        return;
    }
    const std::u32string chars = unicode::decodeUtf8(text);
    std::u32string norm;
    norm.reserve(chars.size() + 8);
    std::u32string lowered;
    for (char32_t c : chars) {
        if (c == 0 || c == unicode::kReplacementChar)
            continue;
        const CharClass cls = unicode::charClass(c);
        if (cls == CharClass::Control)
            continue;
        if (cls == CharClass::Whitespace) {
            norm.push_back(U' ');
            continue;
        }
        const bool cjk = m_options.tokenizeChineseChars && unicode::isChineseChar(c);
        if (cjk)
            norm.push_back(U' ');
        lowered.clear();
        if (m_options.lowerCase)
            unicode::appendLower(c, lowered);
        else
            lowered.push_back(c);
        for (char32_t l : lowered) {
            if (m_options.stripAccents)
                unicode::appendDecomposition(l, norm);
            else
                norm.push_back(l);
        }
        if (cjk)
            norm.push_back(U' ');
    }
    if (m_options.stripAccents) {
        // Marks are dropped after canonical ordering: an Mn of class 0 separates runs
        // that would otherwise be ordered together.
        unicode::canonicalOrder(norm);
        std::erase_if(norm, [](char32_t c) {
            return c >= 0x300 && unicode::charClass(c) == CharClass::NonspacingMark;
        });
    }
    std::string word;
    for (char32_t c : norm) {
        if (c == U' ') {
            flush(word, words);
            continue;
        }
        if (unicode::charClass(c) == CharClass::Punctuation) {
            flush(word, words);
            words.emplace_back();
            unicode::appendUtf8(c, words.back());
            continue;
        }
        unicode::appendUtf8(c, word);
    }
    flush(word, words);
}

std::vector<std::string> BasicTokenizer::split(std::string_view text) const {
    std::vector<std::string> words;
    split(text, words);
    return words;
}

} // namespace bs
