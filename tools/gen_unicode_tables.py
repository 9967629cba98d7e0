#!/usr/bin/env python3
"""Generates core/text/unicode_tables.{h,cpp} from Python's unicodedata.

The BERT tokenizer (Hugging Face BertTokenizer / tokenizers' BertNormalizer) needs a
few Unicode properties: general categories (control, whitespace, punctuation,
nonspacing marks), canonical decompositions and combining classes (NFD), and the
per-character lower-case mapping of Python's str.lower(). GPU and cluster machines
have no ICU, so the data is compiled in. Hangul syllables are decomposed
algorithmically in C++ and are left out of the tables.

Usage (from the repository root):
    python3 tools/gen_unicode_tables.py            # rewrites the tables
    python3 tools/gen_unicode_tables.py --check    # exits 1 if they are stale

It also writes tests/data/text/unicode_reference.txt: Python's own answers (class,
lower(), NFD) for the code points where the tables matter, which test_unicode checks
the C++ lookups against.
"""

import argparse
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = ROOT / "core/text/unicode_tables.h"
SOURCE = ROOT / "core/text/unicode_tables.cpp"
REFERENCE = ROOT / "tests/data/text/unicode_reference.txt"

MAX_CP = 0x110000
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3

# Character classes of the BERT basic tokenizer; the values match CharClass in the header.
OTHER, WHITESPACE, CONTROL, PUNCTUATION, NONSPACING_MARK = range(5)


def is_surrogate(cp):
    return 0xD800 <= cp <= 0xDFFF


def char_class(cp):
    ch = chr(cp)
    if ch in " \t\n\r":
        return WHITESPACE
    cat = unicodedata.category(ch)
    # Zl/Zp (U+2028, U+2029) are not BERT whitespace, but str.split() and Rust's
    # char::is_whitespace both split on them, so they separate words either way.
    if cat in ("Zs", "Zl", "Zp"):
        return WHITESPACE
    if cat.startswith("C"):  # Cc, Cf, Cs, Co and unassigned Cn
        return CONTROL
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return PUNCTUATION
    if cat.startswith("P"):
        return PUNCTUATION
    if cat == "Mn":
        return NONSPACING_MARK
    return OTHER


def class_runs():
    runs = []
    previous = None
    for cp in range(MAX_CP):
        c = char_class(cp)
        if c != previous:
            runs.append((cp, c))
            previous = c
    return runs


def lower_mappings():
    """(single-character ranges, multi-character mappings) of chr(cp).lower()."""
    singles, multis = [], []
    for cp in range(MAX_CP):
        if is_surrogate(cp):
            continue
        low = chr(cp).lower()
        if low == chr(cp):
            continue
        if len(low) == 1:
            singles.append((cp, ord(low) - cp))
        else:
            multis.append((cp, [ord(x) for x in low]))
    # Runs with one delta and a constant step (1 for A-Z, 2 for alternating
    # upper/lower pairs in the Latin and Cyrillic extensions).
    ranges = []
    for cp, delta in singles:
        if ranges:
            first, last, d, stride = ranges[-1]
            step = cp - last
            if d == delta and (stride == step or (first == last and step in (1, 2))):
                ranges[-1] = (first, cp, d, step)
                continue
        ranges.append((cp, cp, delta, 1))
    return ranges, multis


def canonical_decompositions():
    out = []
    for cp in range(MAX_CP):
        if HANGUL_FIRST <= cp <= HANGUL_LAST:
            continue
        d = unicodedata.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        assert 1 <= len(parts) <= 2, (hex(cp), d)
        out.append((cp, parts[0], parts[1] if len(parts) == 2 else 0))
    return out


def combining_ranges():
    out = []
    for cp in range(MAX_CP):
        ccc = unicodedata.combining(chr(cp))
        if not ccc:
            continue
        if out and out[-1][1] == cp - 1 and out[-1][2] == ccc:
            out[-1] = (out[-1][0], cp, ccc)
        else:
            out.append((cp, cp, ccc))
    return out


def wrap(items, indent="    ", width=100):
    lines, line = [], indent
    for item in items:
        piece = item + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def render_header():
    return f"""#pragma once
// Unicode {unicodedata.unidata_version} data for the BERT tokenizer (generated, do not edit).
//
// Regenerate with `python3 tools/gen_unicode_tables.py` from the repository root; the
// data comes from that Python's unicodedata module. Lookups live in unicode.h.

#include <cstddef>
#include <cstdint>

namespace bs::unicode::tables {{

inline constexpr const char* kUnicodeVersion = "{unicodedata.unidata_version}";

// What the BERT basic tokenizer does with a character.
enum class CharClass : uint8_t {{
    Other = {OTHER},
    Whitespace = {WHITESPACE},     // space, \\t, \\n, \\r, Zs, Zl, Zp
    Control = {CONTROL},        // other C* (Cc, Cf, Co, Cn, Cs): dropped by text cleaning
    Punctuation = {PUNCTUATION},    // P* and ASCII 33-47, 58-64, 91-96, 123-126
    NonspacingMark = {NONSPACING_MARK}, // Mn: dropped when stripping accents
}};

// The class holds from `first` up to the next run's `first` minus one.
struct ClassRun {{
    char32_t first;
    CharClass cls;
}};
extern const ClassRun kClassRuns[];
extern const std::size_t kClassRunCount;

// str.lower() of one character: c + delta for c in [first, last] with (c - first) % stride == 0.
struct LowerRange {{
    char32_t first;
    char32_t last;
    int32_t delta;
    uint32_t stride;
}};
extern const LowerRange kLowerRanges[];
extern const std::size_t kLowerRangeCount;

// The few characters whose lower case is two characters (U+0130 -> i + U+0307).
struct LowerExpansion {{
    char32_t cp;
    char32_t first;
    char32_t second;
}};
extern const LowerExpansion kLowerExpansions[];
extern const std::size_t kLowerExpansionCount;

// One level of canonical decomposition (second == 0 for singletons), sorted by cp;
// Hangul syllables are decomposed algorithmically instead.
struct Decomposition {{
    char32_t cp;
    char32_t first;
    char32_t second;
}};
extern const Decomposition kDecompositions[];
extern const std::size_t kDecompositionCount;

// Canonical combining class (non-zero ones only) of [first, last].
struct CombiningRange {{
    char32_t first;
    char32_t last;
    uint8_t ccc;
}};
extern const CombiningRange kCombiningRanges[];
extern const std::size_t kCombiningRangeCount;

}} // namespace bs::unicode::tables
"""


def render_source():
    runs = class_runs()
    lower, multis = lower_mappings()
    decomps = canonical_decompositions()
    cccs = combining_ranges()
    class_names = ["Other", "Whitespace", "Control", "Punctuation", "NonspacingMark"]
    short = ["O", "W", "C", "P", "M"]
    run_items = [f"{{0x{cp:X}, {short[c]}}}" for cp, c in runs]
    lower_items = [f"{{0x{a:X}, 0x{b:X}, {d}, {s}}}" for a, b, d, s in lower]
    multi_items = []
    for cp, chars in multis:
        assert len(chars) == 2, (hex(cp), chars)
        multi_items.append(f"{{0x{cp:X}, 0x{chars[0]:X}, 0x{chars[1]:X}}}")
    decomp_items = [f"{{0x{cp:X}, 0x{a:X}, 0x{b:X}}}" for cp, a, b in decomps]
    ccc_items = [f"{{0x{a:X}, 0x{b:X}, {c}}}" for a, b, c in cccs]
    aliases = "\n".join(
        f"constexpr CharClass {s} = CharClass::{n};" for s, n in zip(short, class_names))
    return f"""// Unicode {unicodedata.unidata_version} tables for the BERT tokenizer (generated, do not edit).
// Regenerate with `python3 tools/gen_unicode_tables.py` from the repository root.
// clang-format off
#include "core/text/unicode_tables.h"

namespace bs::unicode::tables {{

namespace {{
{aliases}
}} // namespace

const ClassRun kClassRuns[] = {{
{wrap(run_items)}
}};
const std::size_t kClassRunCount = sizeof(kClassRuns) / sizeof(kClassRuns[0]);

const LowerRange kLowerRanges[] = {{
{wrap(lower_items)}
}};
const std::size_t kLowerRangeCount = sizeof(kLowerRanges) / sizeof(kLowerRanges[0]);

const LowerExpansion kLowerExpansions[] = {{
{wrap(multi_items)}
}};
const std::size_t kLowerExpansionCount = sizeof(kLowerExpansions) / sizeof(kLowerExpansions[0]);

const Decomposition kDecompositions[] = {{
{wrap(decomp_items)}
}};
const std::size_t kDecompositionCount = sizeof(kDecompositions) / sizeof(kDecompositions[0]);

const CombiningRange kCombiningRanges[] = {{
{wrap(ccc_items)}
}};
const std::size_t kCombiningRangeCount = sizeof(kCombiningRanges) / sizeof(kCombiningRanges[0]);

}} // namespace bs::unicode::tables
"""


def hexseq(text):
    return " ".join(f"{ord(ch):X}" for ch in text)


def render_reference():
    """Python's answers for the code points where the tables matter.

    Lines: `cp<TAB>class<TAB>lower<TAB>nfd` (hex, space-separated sequences, `=` when
    unchanged). Sampled:
    both ends of every class run, every lower-case mapping, every canonical
    decomposition, every 61st Hangul syllable; then `#string` lines with NFD of short
    strings whose combining marks need canonical reordering.
    """
    cps = set()
    runs = class_runs()
    for i, (cp, _) in enumerate(runs):
        cps.add(cp)
        end = runs[i + 1][0] - 1 if i + 1 < len(runs) else MAX_CP - 1
        cps.add(end)
    lower, multis = lower_mappings()
    for first, last, _, stride in lower:
        cps.update(range(first, last + 1, stride))
    cps.update(cp for cp, _ in multis)
    cps.update(cp for cp, _, _ in canonical_decompositions())
    cps.update(range(HANGUL_FIRST, HANGUL_LAST + 1, 61))
    cps.add(HANGUL_LAST)
    lines = [
        f"# Generated by tools/gen_unicode_tables.py with Python unicodedata "
        f"{unicodedata.unidata_version}.",
        "# cp<TAB>class(0 other,1 whitespace,2 control,3 punctuation,4 Mn)<TAB>"
        "lower()<TAB>NFD ('=': unchanged)",
    ]
    for cp in sorted(cps):
        if is_surrogate(cp):
            continue
        ch = chr(cp)
        low, nfd = ch.lower(), unicodedata.normalize("NFD", ch)
        lines.append(f"{cp:X}\t{char_class(cp)}\t{'=' if low == ch else hexseq(low)}\t"
                     f"{'=' if nfd == ch else hexseq(nfd)}")
    strings = [
        "a\u0301\u0316",              # above then below: reordered
        "\u1e09\u0316",               # c-cedilla-acute + grave below
        "\u00e0\u05b0\u0315\u0300",   # mixed classes
        "\u0958\u093c\u0941",         # Devanagari nukta, vowel sign (Mn, ccc 0)
        "\uac01\u0300\u1100",         # Hangul LVT syllable, mark, jamo
        "\u1f82\u0345",               # Greek with ypogegrammeni
        "\u0344\u0340\u0341",         # singletons and two-level decompositions
        "q\u0307\u0323\u0307",
    ]
    lines.append("# #string<TAB>input<TAB>NFD")
    for s in strings:
        lines.append(f"#string\t{hexseq(s)}\t{hexseq(unicodedata.normalize('NFD', s))}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    args = parser.parse_args()
    outputs = {HEADER: render_header(), SOURCE: render_source(), REFERENCE: render_reference()}
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("stale: " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
