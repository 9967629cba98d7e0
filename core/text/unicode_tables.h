#pragma once
// Unicode 14.0.0 data for the BERT tokenizer (generated, do not edit).
//
// Regenerate with `python3 tools/gen_unicode_tables.py` from the repository root; the
// data comes from that Python's unicodedata module. Lookups live in unicode.h.

#include <cstddef>
#include <cstdint>

namespace bs::unicode::tables {

inline constexpr const char* kUnicodeVersion = "14.0.0";

// What the BERT basic tokenizer does with a character.
enum class CharClass : uint8_t {
    Other = 0,
    Whitespace = 1,     // space, \t, \n, \r, Zs, Zl, Zp
    Control = 2,        // other C* (Cc, Cf, Co, Cn, Cs): dropped by text cleaning
    Punctuation = 3,    // P* and ASCII 33-47, 58-64, 91-96, 123-126
    NonspacingMark = 4, // Mn: dropped when stripping accents
};

// The class holds from `first` up to the next run's `first` minus one.
struct ClassRun {
    char32_t first;
    CharClass cls;
};
extern const ClassRun kClassRuns[];
extern const std::size_t kClassRunCount;

// str.lower() of one character: c + delta for c in [first, last] with (c - first) % stride == 0.
struct LowerRange {
    char32_t first;
    char32_t last;
    int32_t delta;
    uint32_t stride;
};
extern const LowerRange kLowerRanges[];
extern const std::size_t kLowerRangeCount;

// The few characters whose lower case is two characters (U+0130 -> i + U+0307).
struct LowerExpansion {
    char32_t cp;
    char32_t first;
    char32_t second;
};
extern const LowerExpansion kLowerExpansions[];
extern const std::size_t kLowerExpansionCount;

// One level of canonical decomposition (second == 0 for singletons), sorted by cp;
// Hangul syllables are decomposed algorithmically instead.
struct Decomposition {
    char32_t cp;
    char32_t first;
    char32_t second;
};
extern const Decomposition kDecompositions[];
extern const std::size_t kDecompositionCount;

// Canonical combining class (non-zero ones only) of [first, last].
struct CombiningRange {
    char32_t first;
    char32_t last;
    uint8_t ccc;
};
extern const CombiningRange kCombiningRanges[];
extern const std::size_t kCombiningRangeCount;

} // namespace bs::unicode::tables
