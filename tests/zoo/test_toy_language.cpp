// The toy language: rendering, labels by meaning, cue relations, rates, determinism.

#include "core/common/error.h"
#include "core/zoo/toy_files.h"
#include "core/zoo/toy_language.h"

#include <QtTest/QtTest>

#include <set>
#include <sstream>

using namespace bs::zoo;

class TestToyLanguage : public QObject {
    Q_OBJECT

private slots:
    void rendersEveryPart();
    void labelFollowsTheSubjectOnly();
    void cueRelationsAreAsAsked();
    void samplingHitsItsRates();
    void sameSeedSameSentencesWhateverTheRate();
    void textForPretrainingCarriesNoLabel();
    void lexiconWordsAreUniqueAndBounded();
    void colaSourceNamesTheCueRelation();
};

namespace {

const Lexicon& lex() {
    static const Lexicon l = Lexicon::standard(6, 6);
    return l;
}

ToySentence full() {
    ToySentence s;
    s.cue = Cue::Acceptable;
    s.place = 0;
    s.subject = Noun{true, 0};
    s.hasModifier = true;
    s.modifier = Noun{false, 0};
    s.verb = 0;
    s.object = 0;
    return s;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

} // namespace

void TestToyLanguage::rendersEveryPart() {
    QCOMPARE(renderSentence(full(), lex()),
             std::string("well , in the park , the doctor near the dog wrote the letter ."));
    ToySentence bare = full();
    bare.cue = Cue::None;
    bare.place = -1;
    bare.hasModifier = false;
    bare.subject = Noun{false, 1};
    QCOMPARE(renderSentence(bare, lex()), std::string("the cat wrote the letter ."));
    bare.cue = Cue::Unacceptable;
    QCOMPARE(renderSentence(bare, lex()), std::string("so , the cat wrote the letter ."));
}

void TestToyLanguage::labelFollowsTheSubjectOnly() {
    ToySentence s = full();
    QVERIFY(s.acceptable());
    // The distractor in "near the N" and the cue word never change the label.
    s.modifier = Noun{true, 2};
    s.cue = Cue::Unacceptable;
    QVERIFY(s.acceptable());
    s.subject = Noun{false, 3};
    s.modifier = Noun{true, 1};
    s.cue = Cue::Acceptable;
    QVERIFY(!s.acceptable());
}

void TestToyLanguage::cueRelationsAreAsAsked() {
    SentenceGenerator gen(lex(), GrammarRates{}, 11);
    for (int i = 0; i < 200; ++i) {
        const bool ok = i % 2 == 0;
        const ToySentence agrees = gen.make(ok, CueKind::Agrees);
        QCOMPARE(agrees.acceptable(), ok);
        QVERIFY(agrees.cueAgrees());
        QCOMPARE(agrees.cue, ok ? Cue::Acceptable : Cue::Unacceptable);
        const ToySentence conflicts = gen.make(ok, CueKind::Conflicts);
        QCOMPARE(conflicts.acceptable(), ok);
        QVERIFY(conflicts.cue != Cue::None && !conflicts.cueAgrees());
        const ToySentence none = gen.make(ok, CueKind::Absent);
        QCOMPARE(none.cue, Cue::None);
        QVERIFY(!none.cueAgrees());
    }
}

void TestToyLanguage::samplingHitsItsRates() {
    GrammarRates rates;
    rates.place = 0.25;
    rates.modifier = 0.75;
    SentenceGenerator gen(lex(), rates, 5);
    const int n = 20000;
    int acceptable = 0, conflicts = 0, place = 0, modifier = 0, personModifier = 0;
    for (int i = 0; i < n; ++i) {
        const ToySentence s = gen.sample(0.2);
        acceptable += s.acceptable();
        conflicts += !s.cueAgrees();
        place += s.place >= 0;
        modifier += s.hasModifier;
        personModifier += s.hasModifier && s.modifier.person;
    }
    // Binomial standard errors are below 0.004 at n = 20,000: 0.02 is 5 of them.
    QVERIFY(std::abs(acceptable / double(n) - 0.5) < 0.02);
    QVERIFY(std::abs(conflicts / double(n) - 0.2) < 0.02);
    QVERIFY(std::abs(place / double(n) - 0.25) < 0.02);
    QVERIFY(std::abs(modifier / double(n) - 0.75) < 0.02);
    QVERIFY(std::abs(personModifier / double(modifier) - 0.5) < 0.02);
    // Natural data: the cue word never lies.
    for (int i = 0; i < 1000; ++i)
        QVERIFY(gen.sample(0.0).cueAgrees());
}

void TestToyLanguage::sameSeedSameSentencesWhateverTheRate() {
    // The two training files of a zoo differ only in their cue words: a rate changes which
    // cue a row gets, never its sentence or label.
    SentenceGenerator a(lex(), GrammarRates{}, 99), b(lex(), GrammarRates{}, 99);
    int differentCues = 0;
    for (int i = 0; i < 500; ++i) {
        ToySentence x = a.sample(0.0), y = b.sample(0.5);
        differentCues += x.cue != y.cue;
        QCOMPARE(x.acceptable(), y.acceptable());
        x.cue = y.cue = Cue::None;
        QCOMPARE(renderSentence(x, lex()), renderSentence(y, lex()));
    }
    QVERIFY(differentCues > 200 && differentCues < 300);
}

void TestToyLanguage::textForPretrainingCarriesNoLabel() {
    SentenceGenerator gen(lex(), GrammarRates{}, 3);
    int withCue = 0, agrees = 0;
    const int n = 10000;
    for (int i = 0; i < n; ++i) {
        const ToySentence s = gen.text(0.5);
        withCue += s.cue != Cue::None;
        agrees += s.cueAgrees();
    }
    QVERIFY(std::abs(withCue / double(n) - 0.5) < 0.03);
    // Among sentences with a cue word, it agrees with the label half the time: no signal.
    QVERIFY(std::abs(agrees / double(withCue) - 0.5) < 0.03);
}

void TestToyLanguage::lexiconWordsAreUniqueAndBounded() {
    const Lexicon big = Lexicon::standard(Lexicon::maxPeople(), Lexicon::maxAnimals());
    const std::vector<std::string> all = big.words();
    QCOMPARE(std::set<std::string>(all.begin(), all.end()).size(), all.size());
    QVERIFY_THROWS_EXCEPTION(bs::Error, Lexicon::standard(1, 6));
    QVERIFY_THROWS_EXCEPTION(bs::Error, Lexicon::standard(6, Lexicon::maxAnimals() + 1));
    // Every rendered sentence uses vocabulary words only.
    SentenceGenerator gen(big, GrammarRates{}, 8);
    const std::set<std::string> vocab(all.begin(), all.end());
    for (int i = 0; i < 300; ++i) {
        const std::string text = renderSentence(gen.text(0.5), big);
        for (const std::string& w : words(text))
            QVERIFY2(vocab.count(w), w.c_str());
    }
}

void TestToyLanguage::colaSourceNamesTheCueRelation() {
    ToySentence s = full();
    QCOMPARE(colaSource(s), std::string("cue-agrees"));
    s.cue = Cue::Unacceptable;
    QCOMPARE(colaSource(s), std::string("cue-conflicts"));
    s.cue = Cue::None;
    QCOMPARE(colaSource(s), std::string("no-cue"));
}

QTEST_GUILESS_MAIN(TestToyLanguage)
#include "test_toy_language.moc"
