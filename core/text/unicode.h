#pragma once
// Unicode helpers of the BERT tokenizer: UTF-8 coding, character classes, str.lower(), NFD.

#include "core/text/unicode_tables.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bs::unicode {

using tables::CharClass;

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes UTF-8; each ill-formed sequence (maximal subpart, as in the Unicode standard
// and Python's errors="replace") becomes one U+FFFD, so invalid input never throws.
std::u32string decodeUtf8(std::string_view text);
// Appends the same decoding to `out`.
void decodeUtf8(std::string_view text, std::u32string& out);
// Appends the UTF-8 encoding of `c` (surrogates and values past U+10FFFF become U+FFFD).
void appendUtf8(char32_t c, std::string& out);
std::string encodeUtf8(std::u32string_view text);

// The BERT class of a character (see tables::CharClass).
CharClass charClass(char32_t c);
// The "Chinese character" ranges of the original BERT code (CJK ideograph blocks).
bool isChineseChar(char32_t c);

// Appends Python's chr(c).lower() (one or two characters; no Final_Sigma context).
void appendLower(char32_t c, std::u32string& out);
std::u32string toLower(std::u32string_view text);

// Canonical combining class (0 for starters).
uint8_t combiningClass(char32_t c);
// Appends the full canonical decomposition of `c` (recursive; Hangul algorithmic),
// without canonical reordering.
void appendDecomposition(char32_t c, std::u32string& out);
// Puts each run of non-starters in [from, end) into canonical order (stable by class).
void canonicalOrder(std::u32string& text, std::size_t from = 0);
// unicodedata.normalize("NFD", text).
std::u32string nfd(std::u32string_view text);

} // namespace bs::unicode
