// WordPiece tokenizer: every case of the Hugging Face reference fixture, plus edge cases
// whose expected tokens follow from the BERT rules by hand.
#include "core/common/error.h"
#include "core/text/tokenizer_loader.h"
#include "core/text/truncation.h"
#include "core/text/wordpiece_tokenizer.h"
#include "tests/support/test_support.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <ctime>
#include <fstream>

namespace {

using Strings = std::vector<std::string>;
using Ids = std::vector<int64_t>;

std::filesystem::path hfDir() {
    return bs::test::fixturesDir() / "hf";
}

nlohmann::json reference() {
    return nlohmann::json::parse(bs::test::readFile(hfDir() / "tokenizer_reference.json"));
}

bs::WordPieceTokenizer fixtureTokenizer() {
    return bs::WordPieceTokenizer::fromVocabFile(hfDir() / "vocab.txt");
}

// A tiny vocabulary: specials, single letters with their "##" forms, and a few words.
bs::WordPieceTokenizer smallTokenizer(bs::TokenizerOptions options = {}, Strings extra = {}) {
    Strings tokens = {"[PAD]",  "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff",
                      "##able", "hello", "world", "abcd",  "i",      ",",  "!",
                      "[",      "]",     "sep",   "中",    "文"};
    for (char c = 'a'; c <= 'z'; ++c) {
        if (c != 'i')
            tokens.emplace_back(1, c);
        tokens.push_back(std::string("##") + c);
    }
    tokens.insert(tokens.end(), extra.begin(), extra.end());
    return bs::WordPieceTokenizer(bs::Vocabulary::fromTokens(tokens, "small vocab"), options);
}

QString join(const Strings& tokens) {
    QStringList out;
    for (const auto& t : tokens)
        out << QString::fromStdString(t);
    return out.join(' ');
}

std::string repeat(const std::string& piece, int count) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += piece;
    return out;
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

} // namespace

class TestWordPieceTokenizer : public QObject {
    Q_OBJECT
private slots:
    void fixtureSingleTexts() {
        BS_REQUIRE_FIXTURES();
        const auto tokenizer = fixtureTokenizer();
        const auto ref = reference();
        QVERIFY(ref.at("do_lower_case").get<bool>());
        QCOMPARE(ref.at("single").size(), size_t(12));
        for (const auto& c : ref.at("single")) {
            const std::string text = c.at("text");
            const bs::Encoding e = tokenizer.encode(text);
            QCOMPARE(join(e.tokens), join(c.at("tokens").get<Strings>()));
            QCOMPARE(e.inputIds, c.at("input_ids").get<Ids>());
            QCOMPARE(e.tokenTypeIds, c.at("token_type_ids").get<Ids>());
            QCOMPARE(e.inputIds, c.at("tokenizers_lib_ids").get<Ids>());
            // tokenize() is the same without [CLS] and [SEP].
            const Strings inner(e.tokens.begin() + 1, e.tokens.end() - 1);
            QCOMPARE(join(tokenizer.tokenize(text)), join(inner));
            QCOMPARE(join(tokenizer.idsToTokens(e.inputIds)), join(e.tokens));
        }
    }

    void fixturePairs() {
        BS_REQUIRE_FIXTURES();
        const auto tokenizer = fixtureTokenizer();
        const auto ref = reference();
        QCOMPARE(ref.at("pairs").size(), size_t(11));
        int truncated = 0;
        for (const auto& c : ref.at("pairs")) {
            const std::string a = c.at("text_a"), b = c.at("text_b");
            const int64_t maxLength = c.at("max_length");
            const bs::Encoding e = tokenizer.encode(a, b, maxLength);
            QCOMPARE(join(e.tokens), join(c.at("tokens").get<Strings>()));
            QCOMPARE(e.inputIds, c.at("input_ids").get<Ids>());
            QCOMPARE(e.tokenTypeIds, c.at("token_type_ids").get<Ids>());
            if (tokenizer.encode(a, b).size() > e.size())
                ++truncated;
        }
        QVERIFY(truncated >= 1); // the fixture exercises longest_first truncation
    }

    void fixtureModelFolderLoads() {
        BS_REQUIRE_FIXTURES();
        // bert-seed1 has vocab.txt and no tokenizer_config.json: BertTokenizer defaults.
        const auto tokenizer = bs::loadTokenizerForModel(hfDir() / "bert-seed1");
        QCOMPARE(tokenizer.vocabSize(), int64_t(1365));
        QCOMPARE(tokenizer.clsId(), int64_t(12));
        QCOMPARE(tokenizer.sepId(), int64_t(13));
        QCOMPARE(tokenizer.unkId(), int64_t(11));
        QCOMPARE(tokenizer.padId(), int64_t(0));
        QCOMPARE(tokenizer.tokenId("##s"), int64_t(159));
        QCOMPARE(tokenizer.vocabulary().shadowedIds(), (Ids{132, 138}));
        const auto ref = reference();
        const auto& c = ref.at("single").at(3);
        QCOMPARE(tokenizer.encode(c.at("text").get<std::string>()).inputIds,
                 c.at("input_ids").get<Ids>());
    }

    void greedyLongestMatchFirst() {
        // The docstring example of BERT's WordpieceTokenizer.
        const auto t = smallTokenizer();
        QCOMPARE(join(t.tokenize("unaffable")), QStringLiteral("un ##aff ##able"));
        // A longer whole word wins over its prefix pieces.
        const auto t2 = smallTokenizer({}, {"unaffable"});
        QCOMPARE(join(t2.tokenize("unaffable")), QStringLiteral("unaffable"));
    }

    void unmatchablePieceMakesTheWholeWordUnknown() {
        const auto t = smallTokenizer();
        // "é" is kept when accents are not stripped, and no piece covers it.
        bs::TokenizerOptions keepAccents;
        keepAccents.stripAccents = false;
        const auto t2 = smallTokenizer(keepAccents);
        QCOMPARE(join(t2.tokenize("hello caf\u00e9 world")), QStringLiteral("hello [UNK] world"));
        QCOMPARE(join(t.tokenize("hello caf\u00e9 world")),
                 QStringLiteral("hello c ##a ##f ##e world"));
    }

    void wordLengthLimitCountsCharacters() {
        const auto t = smallTokenizer();
        // Exactly 100 characters is still split; 101 is [UNK] (max_input_chars_per_word).
        const Strings hundred = t.tokenize(repeat("a", 100));
        QCOMPARE(hundred.size(), size_t(100));
        QCOMPARE(hundred.front(), std::string("a"));
        QCOMPARE(hundred.back(), std::string("##a"));
        QCOMPARE(join(t.tokenize(repeat("a", 101))), QStringLiteral("[UNK]"));
        // Characters, not bytes: 100 two-byte "ü" (200 bytes) are within the limit.
        bs::TokenizerOptions cased;
        cased.lowerCase = false;
        const auto t2 = smallTokenizer(cased, {"\u00fc", "##\u00fc"});
        QCOMPARE(t2.tokenize(repeat("\u00fc", 100)).size(), size_t(100));
        QCOMPARE(join(t2.tokenize(repeat("\u00fc", 101))), QStringLiteral("[UNK]"));
        // With accent stripping the limit applies after normalization ("ü" -> "u").
        QCOMPARE(t.tokenize(repeat("\u00fc", 100)).size(), size_t(100));
    }

    void invalidUtf8IsDroppedNotFatal() {
        const auto t = smallTokenizer();
        // Each invalid byte becomes U+FFFD, which text cleaning removes.
        QCOMPARE(join(t.tokenize("ab\xFF"
                                 "cd")),
                 QStringLiteral("abcd"));
        QCOMPARE(join(t.tokenize("hello \xC0\xAF\xED\xA0\x80 world\xE4\xB8")),
                 QStringLiteral("hello world"));
        QCOMPARE(t.encode("\xFF\xFE").size(), size_t(2)); // [CLS] [SEP]
        // An explicit U+FFFD and U+0000 are removed the same way.
        const std::string withNul("ab\xEF\xBF\xBD"
                                  "c\0d",
                                  8);
        QCOMPARE(join(t.tokenize(withNul)), QStringLiteral("abcd"));
    }

    void cleaningAndWhitespace() {
        const auto t = smallTokenizer();
        // Tab, newline, NBSP (Zs), ideographic space (Zs), line separator (Zl) split;
        // zero-width space (Cf) and a C1 control are removed without splitting.
        QCOMPARE(join(t.tokenize("hello\tworld\nhello\u00a0world\u3000hello\u2028world")),
                 QStringLiteral("hello world hello world hello world"));
        QCOMPARE(join(t.tokenize("hel\u200blo wor\u0085ld")), QStringLiteral("hello world"));
    }

    void punctuationIsSplitOff() {
        const auto t = smallTokenizer();
        QCOMPARE(join(t.tokenize("hello,world!!")), QStringLiteral("hello , world ! !"));
        // '$' is ASCII punctuation for BERT although Unicode calls it a symbol (Sc);
        // U+00BF (Po) is punctuation; neither is in the vocabulary.
        QCOMPARE(join(t.tokenize("a$b\u00bfc")), QStringLiteral("a [UNK] b [UNK] c"));
    }

    void caseAndAccentOptions() {
        const std::string text = "H\u00e9LLO \u0130";
        QCOMPARE(join(smallTokenizer().tokenize(text)), QStringLiteral("hello i"));
        bs::TokenizerOptions cased;
        cased.lowerCase = false;
        const auto t = smallTokenizer(cased, {"H", "##\u00e9", "##L", "##O", "\u0130", "##E"});
        QCOMPARE(join(t.tokenize(text)), QString::fromUtf8("H ##\u00e9 ##L ##L ##O \u0130"));
        // strip_accents without lower-casing: NFD then drop Mn.
        cased.stripAccents = true;
        const auto t2 = smallTokenizer(cased, {"H", "##L", "##O", "I"});
        QCOMPARE(join(t2.tokenize(text)), QStringLiteral("H ##e ##L ##L ##O I"));
        // Lower-casing but keeping accents: "İ" lower-cases to "i" + U+0307.
        bs::TokenizerOptions keep;
        keep.stripAccents = false;
        const auto t3 = smallTokenizer(keep, {"##\u00e9", "i\u0307"});
        QCOMPARE(join(t3.tokenize(text)), QString::fromUtf8("h ##\u00e9 ##l ##l ##o i\u0307"));
    }

    void chineseCharacters() {
        const auto t = smallTokenizer();
        QCOMPARE(join(t.tokenize("hello中文world")), QString::fromUtf8("hello 中 文 world"));
        bs::TokenizerOptions noCjk;
        noCjk.tokenizeChineseChars = false;
        const auto t2 = smallTokenizer(noCjk, {"中文"});
        QCOMPARE(join(t2.tokenize("hello 中文 world")), QString::fromUtf8("hello 中文 world"));
    }

    void specialTokensInTextStayWhole() {
        const auto t = smallTokenizer();
        QCOMPARE(join(t.tokenize("hello[SEP]world [MASK]")),
                 QStringLiteral("hello [SEP] world [MASK]"));
        // Matching is on the raw text: lower-case "[sep]" is ordinary text.
        QCOMPARE(join(t.tokenize("[sep]")), QStringLiteral("[ sep ]"));
        const bs::Encoding e = t.encode("hello [SEP]", std::string_view("world"));
        QCOMPARE(join(e.tokens), QStringLiteral("[CLS] hello [SEP] [SEP] world [SEP]"));
        QCOMPARE(e.tokenTypeIds, (Ids{0, 0, 0, 0, 1, 1}));
    }

    void pairStructureAndEmptyTexts() {
        const auto t = smallTokenizer();
        const bs::Encoding e = t.encode("hello", std::string_view("world"));
        QCOMPARE(join(e.tokens), QStringLiteral("[CLS] hello [SEP] world [SEP]"));
        QCOMPARE(e.inputIds, (Ids{2, 8, 3, 9, 3}));
        QCOMPARE(e.tokenTypeIds, (Ids{0, 0, 0, 1, 1}));
        // An empty second text is no pair (transformers tests `if text_pair`), but a
        // blank one is a pair whose second segment has no tokens.
        QCOMPARE(join(t.encode("hello", std::string_view("")).tokens),
                 QStringLiteral("[CLS] hello [SEP]"));
        const bs::Encoding blank = t.encode("hello", std::string_view("  "));
        QCOMPARE(join(blank.tokens), QStringLiteral("[CLS] hello [SEP] [SEP]"));
        QCOMPARE(blank.tokenTypeIds, (Ids{0, 0, 0, 1}));
    }

    void longestFirstRule() {
        // Budget 7 (special tokens already taken off), lengths derived from the rule:
        // fits -> unchanged; only the longer one must shrink -> it takes the rest;
        // both must shrink -> 3 and 4, the extra token to the longer (the second on ties).
        using P = std::pair<std::size_t, std::size_t>;
        QCOMPARE(bs::longestFirstLengths(2, 4, 7), P(2, 4));
        QCOMPARE(bs::longestFirstLengths(2, 8, 7), P(2, 5));
        QCOMPARE(bs::longestFirstLengths(8, 2, 7), P(5, 2));
        QCOMPARE(bs::longestFirstLengths(4, 4, 7), P(3, 4));
        QCOMPARE(bs::longestFirstLengths(8, 4, 7), P(4, 3));
        QCOMPARE(bs::longestFirstLengths(4, 8, 7), P(3, 4));
        QCOMPARE(bs::longestFirstLengths(8, 8, 7), P(3, 4));
        QCOMPARE(bs::longestFirstLengths(10, 0, 7), P(7, 0));
        QCOMPARE(bs::longestFirstLengths(5, 5, 0), P(0, 0));
        // Here the old Python loop (remove from the longer, the second on ties) gives
        // (11, 10); the tokenizers rule gives (10, 11).
        QCOMPARE(bs::longestFirstLengths(15, 15, 21), P(10, 11));
    }

    void truncationInEncode() {
        const auto t = smallTokenizer();
        // a: 6 tokens, b: 4 tokens; max 8 leaves 5 -> a keeps 3 (longer, extra), b 2.
        const bs::Encoding e = t.encode("bcdefg", std::string_view("wxyz"), 8);
        QCOMPARE(join(e.tokens), QStringLiteral("[CLS] b ##c ##d [SEP] w ##x [SEP]"));
        QCOMPARE(e.tokenTypeIds, (Ids{0, 0, 0, 0, 0, 1, 1, 1}));
        // Single text: max_length counts [CLS] and [SEP].
        QCOMPARE(join(t.encode("bcdefg", std::nullopt, 4).tokens),
                 QStringLiteral("[CLS] b ##c [SEP]"));
        QCOMPARE(t.encode("bcdefg", std::string_view("wxyz"), 3).size(), size_t(3));
        QVERIFY_THROWS_EXCEPTION(bs::Error, t.encode("abc", std::string_view("d"), 2));
        QVERIFY_THROWS_EXCEPTION(bs::Error, t.encode("abc", std::nullopt, 1));
        QCOMPARE(t.encode("abc", std::nullopt, 2).size(), size_t(2));
    }

    void idsAndTokens() {
        const auto t = smallTokenizer();
        QCOMPARE(t.tokenId("hello"), int64_t(8));
        QCOMPARE(t.tokenId("no-such-token"), t.unkId());
        QCOMPARE(t.token(9), std::string("world"));
        QVERIFY_THROWS_EXCEPTION(bs::Error, t.token(t.vocabSize()));
        QVERIFY_THROWS_EXCEPTION(bs::Error, t.token(-1));
        QCOMPARE(t.padId(), int64_t(0));
    }

    void vocabularyErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        try {
            bs::Vocabulary::fromFile(root / "missing.txt");
            QFAIL("expected an error for a missing file");
        } catch (const bs::Error& e) {
            QVERIFY(std::string(e.what()).find("missing.txt") != std::string::npos);
        }
        // A repeated token maps to its last line (Hugging Face's rule; the fixture
        // vocabulary repeats "##s" on lines 133 and 160 and its reference ids use 159).
        writeFile(root / "dup.txt", "[PAD]\n[UNK]\nhello\n[CLS]\nhello\n");
        const auto dup = bs::Vocabulary::fromFile(root / "dup.txt");
        QCOMPARE(dup.find("hello"), std::optional<int64_t>(4));
        QCOMPARE(dup.shadowedIds(), (Ids{2}));
        QCOMPARE(dup.token(2), std::string("hello"));
        writeFile(root / "nocls.txt", "[PAD]\n[UNK]\n[SEP]\nhello\n");
        try {
            bs::WordPieceTokenizer::fromVocabFile(root / "nocls.txt");
            QFAIL("expected an error for a missing [CLS]");
        } catch (const bs::Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("cls_token '[CLS]'") != std::string::npos, msg.c_str());
            QVERIFY(msg.find("nocls.txt") != std::string::npos);
        }
        // CRLF line ends are trimmed; the pad token is optional.
        writeFile(root / "crlf.txt", "[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n");
        const auto t = bs::WordPieceTokenizer::fromVocabFile(root / "crlf.txt");
        QCOMPARE(t.encode("Hello").inputIds, (Ids{1, 3, 2}));
        QVERIFY(!t.hasPadToken());
        QVERIFY_THROWS_EXCEPTION(bs::Error, t.padId());
    }

    void modelFolderWithTokenizerConfig() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        writeFile(root / "vocab.txt", "<pad>\n<unk>\n<cls>\n<sep>\nHello\n##\u00e9\nhello\n");
        // The layout transformers writes: AddedToken objects for some special tokens.
        writeFile(root / "tokenizer_config.json", R"({
  "do_lower_case": false,
  "strip_accents": null,
  "tokenize_chinese_chars": true,
  "unk_token": {"content": "<unk>", "lstrip": false, "normalized": false,
                "rstrip": false, "single_word": false, "special": true},
  "cls_token": "<cls>", "sep_token": "<sep>", "pad_token": "<pad>", "mask_token": null,
  "tokenizer_class": "BertTokenizer", "model_max_length": 512
})");
        const auto t = bs::loadTokenizerForModel(root);
        QVERIFY(!t.options().lowerCase);
        QCOMPARE(join(t.encode("Hello\u00e9 hello <sep>x").tokens),
                 QString::fromUtf8("<cls> Hello ##\u00e9 hello <sep> <unk> <sep>"));

        writeFile(root / "tokenizer_config.json", R"({"do_lower_case": "yes"})");
        try {
            bs::loadTokenizerForModel(root);
            QFAIL("expected an error for a string do_lower_case");
        } catch (const bs::Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("tokenizer_config.json") != std::string::npos &&
                         msg.find("'do_lower_case' must be true or false") != std::string::npos,
                     msg.c_str());
        }
    }

    void bpeModelFolderIsRejectedWithAHint() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        writeFile(root / "vocab.json", R"({"<s>": 0, "</s>": 1, "a": 2})");
        writeFile(root / "merges.txt", "#version: 0.2\n");
        try {
            bs::loadTokenizerForModel(root);
            QFAIL("expected an error for a BPE tokenizer");
        } catch (const bs::Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("BPE") != std::string::npos, msg.c_str());
            QVERIFY2(msg.find("pre-tokenized JSONL") != std::string::npos, msg.c_str());
            QVERIFY(msg.find("input_ids") != std::string::npos);
        }
    }

    void tenThousandPairsTakeWellUnderASecond() {
        BS_REQUIRE_FIXTURES();
        const auto tokenizer = fixtureTokenizer();
        // MNLI-like pairs: a 20-40 word premise and a shorter hypothesis, built from the
        // fixture sentences (mixed ASCII, accents, CJK) with a running number.
        const auto ref = reference();
        Strings sentences;
        for (const auto& c : ref.at("pairs"))
            sentences.push_back(c.at("text_a"));
        for (const auto& c : ref.at("single"))
            sentences.push_back(c.at("text"));
        std::vector<std::pair<std::string, std::string>> pairs;
        for (int i = 0; i < 10000; ++i) {
            const std::string& s1 = sentences[i % sentences.size()];
            const std::string& s2 = sentences[(i * 7 + 3) % sentences.size()];
            pairs.emplace_back(s1 + " " + std::to_string(i) + " " + s2, s2);
        }
        std::size_t tokens = 0;
        // CPU time of this (single-threaded) loop: wall time on a shared machine also
        // counts the other processes.
        const std::clock_t cpuStart = std::clock();
        const auto start = std::chrono::steady_clock::now();
        for (const auto& [a, b] : pairs)
            tokens += tokenizer.encode(a, b, 128).size();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        qInfo("10000 pairs, %zu tokens: %.3f s CPU, %.3f s wall (%.1f us CPU per pair)", tokens,
              cpuSeconds, seconds, cpuSeconds * 1e2);
        // A measurement, not a timing assertion (speed targets live in benchmarks).
        QVERIFY(tokens > 10000 * 20);
    }
};

QTEST_GUILESS_MAIN(TestWordPieceTokenizer)
#include "test_wordpiece_tokenizer.moc"
