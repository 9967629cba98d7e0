// Unicode helpers against Python's unicodedata (tests/data/text/unicode_reference.txt,
// written by tools/gen_unicode_tables.py) and against the UTF-8 rules of the standard.
#include "core/text/unicode.h"
#include "tests/support/test_support.h"

#include <QtTest>

#include <sstream>

namespace {

std::u32string parseHexSequence(const std::string& field, char32_t self) {
    if (field == "=")
        return std::u32string(1, self);
    std::u32string out;
    std::istringstream in(field);
    std::string hex;
    while (in >> hex)
        out.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
    return out;
}

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string::npos)
            break;
        start = tab + 1;
    }
    return fields;
}

QString hexString(std::u32string_view s) {
    QStringList parts;
    for (char32_t c : s)
        parts << QString::number(static_cast<uint>(c), 16).toUpper();
    return parts.join(' ');
}

} // namespace

class TestUnicode : public QObject {
    Q_OBJECT
private slots:
    void matchesPythonUnicodedata() {
        const std::string text =
            bs::test::readFile(bs::test::testDataDir() / "text" / "unicode_reference.txt");
        std::istringstream in(text);
        std::string line;
        int codePoints = 0, strings = 0;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            const auto fields = splitTabs(line);
            if (fields[0] == "#string") {
                QCOMPARE(fields.size(), size_t(3));
                const std::u32string input = parseHexSequence(fields[1], 0);
                QCOMPARE(hexString(bs::unicode::nfd(input)),
                         hexString(parseHexSequence(fields[2], 0)));
                ++strings;
                continue;
            }
            if (line[0] == '#')
                continue;
            QCOMPARE(fields.size(), size_t(4));
            const auto cp = static_cast<char32_t>(std::stoul(fields[0], nullptr, 16));
            const int expectedClass = std::stoi(fields[1]);
            if (static_cast<int>(bs::unicode::charClass(cp)) != expectedClass)
                QFAIL(qPrintable(QStringLiteral("class of U+%1: got %2, Python %3")
                                     .arg(QString::number(cp, 16))
                                     .arg(static_cast<int>(bs::unicode::charClass(cp)))
                                     .arg(expectedClass)));
            const std::u32string self(1, cp);
            QCOMPARE(hexString(bs::unicode::toLower(self)),
                     hexString(parseHexSequence(fields[2], cp)));
            QCOMPARE(hexString(bs::unicode::nfd(self)), hexString(parseHexSequence(fields[3], cp)));
            ++codePoints;
        }
        // The file samples every class boundary, lower-case mapping and decomposition.
        QVERIFY(codePoints > 6000);
        QCOMPARE(strings, 8);
    }

    void hangulIsDecomposedAlgorithmically() {
        // U+D55C = L 0x1112, V 0x1161, T 0x11AB by the chapter 3.12 arithmetic:
        // s = 0xD55C - 0xAC00 = 10588; L = 10588 / 588 = 18; V = (10588 % 588) / 28 = 0;
        // T = 10588 % 28 = 4.
        QCOMPARE(hexString(bs::unicode::nfd(U"\uD55C")), QStringLiteral("1112 1161 11AB"));
        // No trailing consonant (s % 28 == 0): two jamo only.
        QCOMPARE(hexString(bs::unicode::nfd(U"\uAC00")), QStringLiteral("1100 1161"));
        QCOMPARE(hexString(bs::unicode::nfd(U"\uD7A3")), QStringLiteral("1112 1175 11C2"));
    }

    void lowerCaseOfDottedCapitalIIsTwoCharacters() {
        QCOMPARE(hexString(bs::unicode::toLower(U"\u0130")), QStringLiteral("69 307"));
        // Per character: a lone or word-final capital sigma lower-cases to U+03C3.
        QCOMPARE(hexString(bs::unicode::toLower(U"\u039F\u03A3")), QStringLiteral("3BF 3C3"));
    }

    void decodesWellFormedUtf8() {
        const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"; // a é 中 😀
        QCOMPARE(hexString(bs::unicode::decodeUtf8(text)), QStringLiteral("61 E9 4E2D 1F600"));
        for (char32_t c : {0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
            std::string encoded;
            bs::unicode::appendUtf8(c, encoded);
            QCOMPARE(bs::unicode::decodeUtf8(encoded), std::u32string(1, c));
        }
        QCOMPARE(bs::unicode::encodeUtf8(U"a\u00e9\u4e2d"), std::string("a\xC3\xA9\xE4\xB8\xAD"));
    }

    void replacesEachMaximalInvalidSubpartOnce() {
        // The example of Unicode 15 section 3.9 ("U+FFFD Substitution of Maximal
        // Subparts"): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 decodes to
        // a FFFD FFFD FFFD b FFFD c FFFD FFFD d.
        const std::string bytes = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
        QCOMPARE(hexString(bs::unicode::decodeUtf8(bytes)),
                 QStringLiteral("61 FFFD FFFD FFFD 62 FFFD 63 FFFD FFFD 64"));
        // Overlong (C0 AF), surrogate (ED A0 80), past U+10FFFF (F4 90 80 80), invalid
        // leads (FE, FF): every byte that cannot start or continue a character is one U+FFFD.
        QCOMPARE(hexString(bs::unicode::decodeUtf8("\xC0\xAF")), QStringLiteral("FFFD FFFD"));
        QCOMPARE(hexString(bs::unicode::decodeUtf8("\xED\xA0\x80")),
                 QStringLiteral("FFFD FFFD FFFD"));
        QCOMPARE(hexString(bs::unicode::decodeUtf8("\xF4\x90\x80\x80")),
                 QStringLiteral("FFFD FFFD FFFD FFFD"));
        QCOMPARE(hexString(bs::unicode::decodeUtf8("x\xFE\xFF")), QStringLiteral("78 FFFD FFFD"));
        // A sequence cut off at the end of the input.
        QCOMPARE(hexString(bs::unicode::decodeUtf8("\xE4\xB8")), QStringLiteral("FFFD"));
    }

    void chineseCharRangesAreTheBertOnes() {
        QVERIFY(bs::unicode::isChineseChar(0x4E00));
        QVERIFY(bs::unicode::isChineseChar(0x9FFF));
        QVERIFY(!bs::unicode::isChineseChar(0x4DC0)); // Yijing hexagrams, between the blocks
        QVERIFY(bs::unicode::isChineseChar(0xF900));
        QVERIFY(bs::unicode::isChineseChar(0x2FA1F));
        QVERIFY(!bs::unicode::isChineseChar(0x3042)); // Hiragana is not split
        QVERIFY(!bs::unicode::isChineseChar(0xAC00)); // nor Hangul
    }
};

QTEST_GUILESS_MAIN(TestUnicode)
#include "test_unicode.moc"
