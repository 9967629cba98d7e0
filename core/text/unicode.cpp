#include "core/text/unicode.h"

#include <algorithm>
#include <array>

namespace bs::unicode {

namespace {

using namespace tables;

// Hangul syllable composition constants (Unicode chapter 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = 11172;

CharClass lookupClass(char32_t c) {
    // Last run whose first <= c.
    const ClassRun* end = kClassRuns + kClassRunCount;
    const ClassRun* it = std::upper_bound(
        kClassRuns, end, c, [](char32_t v, const ClassRun& r) { return v < r.first; });
    return it == kClassRuns ? CharClass::Control : (it - 1)->cls;
}

// Most text is ASCII: its classes come from a small table built once from the runs.
const std::array<CharClass, 128>& asciiClasses() {
    static const std::array<CharClass, 128> table = [] {
        std::array<CharClass, 128> t{};
        for (char32_t c = 0; c < 128; ++c)
            t[c] = lookupClass(c);
        return t;
    }();
    return table;
}

void decompose(char32_t c, std::u32string& out) {
    if (c >= kSBase && c < kSBase + kSCount) {
        const char32_t s = c - kSBase;
        out.push_back(kLBase + s / kNCount);
        out.push_back(kVBase + (s % kNCount) / kTCount);
        if (s % kTCount != 0)
            out.push_back(kTBase + s % kTCount);
        return;
    }
    const Decomposition* end = kDecompositions + kDecompositionCount;
    const Decomposition* it = std::lower_bound(
        kDecompositions, end, c, [](const Decomposition& d, char32_t v) { return d.cp < v; });
    if (it == end || it->cp != c) {
        out.push_back(c);
        return;
    }
    // Canonical mappings nest (U+1E09 -> U+00E7 U+0301 -> c U+0327 U+0301); recurse.
    decompose(it->first, out);
    if (it->second != 0)
        decompose(it->second, out);
}

} // namespace

void decodeUtf8(std::string_view text, std::u32string& out) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b0 = s[i];
        if (b0 < 0x80) {
            out.push_back(b0);
            ++i;
            continue;
        }
        int length = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        char32_t cp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            cp = b0 & 0x0F;
            if (b0 == 0xE0)
                lo = 0xA0; // no overlong forms
            else if (b0 == 0xED)
                hi = 0x9F; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            cp = b0 & 0x07;
            if (b0 == 0xF0)
                lo = 0x90;
            else if (b0 == 0xF4)
                hi = 0x8F; // nothing past U+10FFFF
        } else {
            out.push_back(kReplacementChar); // stray continuation byte or invalid lead
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        bool ok = true;
        for (int k = 1; k < length; ++k, ++j) {
            const unsigned char lower = k == 1 ? lo : 0x80, upper = k == 1 ? hi : 0xBF;
            if (j >= n || s[j] < lower || s[j] > upper) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (s[j] & 0x3F);
        }
        // A truncated sequence is replaced once and decoding resumes at the byte that
        // broke it, which may start a valid character.
        out.push_back(ok ? cp : kReplacementChar);
        i = j;
    }
}

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    decodeUtf8(text, out);
    return out;
}

void appendUtf8(char32_t c, std::string& out) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = kReplacementChar;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text)
        appendUtf8(c, out);
    return out;
}

CharClass charClass(char32_t c) {
    if (c < 128)
        return asciiClasses()[c];
    return lookupClass(c);
}

bool isChineseChar(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void appendLower(char32_t c, std::u32string& out) {
    if (c < 128) {
        out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    const LowerRange* end = kLowerRanges + kLowerRangeCount;
    const LowerRange* it = std::upper_bound(
        kLowerRanges, end, c, [](char32_t v, const LowerRange& r) { return v < r.first; });
    if (it != kLowerRanges) {
        const LowerRange& r = *(it - 1);
        if (c <= r.last && (c - r.first) % r.stride == 0) {
            out.push_back(static_cast<char32_t>(static_cast<int64_t>(c) + r.delta));
            return;
        }
    }
    for (std::size_t i = 0; i < kLowerExpansionCount; ++i) {
        if (kLowerExpansions[i].cp == c) {
            out.push_back(kLowerExpansions[i].first);
            out.push_back(kLowerExpansions[i].second);
            return;
        }
    }
    out.push_back(c);
}

std::u32string toLower(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text)
        appendLower(c, out);
    return out;
}

uint8_t combiningClass(char32_t c) {
    if (c < 0x300)
        return 0;
    const CombiningRange* end = kCombiningRanges + kCombiningRangeCount;
    const CombiningRange* it = std::upper_bound(
        kCombiningRanges, end, c, [](char32_t v, const CombiningRange& r) { return v < r.first; });
    if (it == kCombiningRanges)
        return 0;
    const CombiningRange& r = *(it - 1);
    return c <= r.last ? r.ccc : 0;
}

void appendDecomposition(char32_t c, std::u32string& out) {
    if (c < 0xC0) {
        out.push_back(c); // nothing below U+00C0 decomposes
        return;
    }
    decompose(c, out);
}

void canonicalOrder(std::u32string& text, std::size_t from) {
    const std::size_t n = text.size();
    std::size_t i = from;
    while (i < n) {
        if (text[i] < 0x300 || combiningClass(text[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && combiningClass(text[j]) != 0)
            ++j;
        if (j - i > 1) {
            std::stable_sort(
                text.begin() + static_cast<std::ptrdiff_t>(i),
                text.begin() + static_cast<std::ptrdiff_t>(j),
                [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        }
        i = j;
    }
}

std::u32string nfd(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text)
        appendDecomposition(c, out);
    canonicalOrder(out);
    return out;
}

} // namespace bs::unicode
