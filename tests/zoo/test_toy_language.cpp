// The toy language: rendering, parses, labels by meaning and by overlap, pair kinds.

#include "core/common/error.h"
#include "core/zoo/toy_language.h"
#include "core/zoo/toy_pairs.h"
#include "tests/support/test_support.h"

#include <QtTest/QtTest>

#include <set>

using namespace bs::zoo;

class TestToyLanguage : public QObject {
    Q_OBJECT

private slots:
    void rendersHansStyleSentences();
    void parsesMatchTheSentence();
    void labelsFollowMeaning();
    void overlapHeuristicEntailsSwaps();
    void everyKindGetsItsIntendedLabel();
    void diagnosticCasesHaveTheirHansLabels();
    void generatorIsDeterministic();
    void lexiconWordsAreUnique();
};

namespace {

const Lexicon& lex() {
    static const Lexicon l = Lexicon::standard(12, 10);
    return l;
}

// doctor=0, lawyer=1, student=2; see=0, help=1.
Fact fact(int a, int v, int p) {
    return Fact{a, v, p};
}

} // namespace

void TestToyLanguage::rendersHansStyleSentences() {
    QCOMPARE(renderSentence(simpleSentence(fact(0, 0, 1), Voice::Active), lex()),
             std::string("The doctor saw the lawyer ."));
    QCOMPARE(renderSentence(simpleSentence(fact(0, 0, 1), Voice::Passive), lex()),
             std::string("The lawyer was seen by the doctor ."));
    QCOMPARE(renderSentence(simpleSentence(fact(0, 1, 1), Voice::Active, true), lex()),
             std::string("The doctor did not help the lawyer ."));
    QCOMPARE(renderSentence(simpleSentence(fact(0, 1, 1), Voice::Passive, true), lex()),
             std::string("The lawyer was not helped by the doctor ."));
    Sentence s = simpleSentence(fact(0, 0, 1), Voice::Active);
    s.modifier = Modifier::Near;
    s.modifierNoun = 2;
    QCOMPARE(renderSentence(s, lex()), std::string("The doctor near the student saw the lawyer ."));
    s.modifier = Modifier::SubjectRelative;
    s.modifierVerb = 1;
    QCOMPARE(renderSentence(s, lex()),
             std::string("The doctor who helped the student saw the lawyer ."));
    s.modifier = Modifier::ObjectRelative;
    QCOMPARE(renderSentence(s, lex()),
             std::string("The doctor who the student helped saw the lawyer ."));
}

void TestToyLanguage::parsesMatchTheSentence() {
    const Sentence s = simpleSentence(fact(0, 0, 1), Voice::Active);
    QCOMPARE(parseTree(s, lex()),
             std::string("(ROOT (S (NP (DT The) (NN doctor)) (VP (VBD saw) (NP (DT the) (NN "
                         "lawyer))) (. .)))"));
    // The layout of HANS' sentence1_binary_parse for the same sentence.
    QCOMPARE(binaryParse(s, lex()), std::string("( ( The doctor ) ( ( saw ( the lawyer ) ) . ) )"));
    const Sentence p = simpleSentence(fact(0, 0, 1), Voice::Passive);
    QCOMPARE(binaryParse(p, lex()),
             std::string("( ( The lawyer ) ( ( was ( seen ( by ( the doctor ) ) ) ) . ) )"));
}

void TestToyLanguage::labelsFollowMeaning() {
    const Sentence premise = simpleSentence(fact(0, 0, 1), Voice::Active); // doctor saw lawyer
    QCOMPARE(labelByMeaning(premise, simpleSentence(fact(0, 0, 1), Voice::Passive)),
             NliLabel::Entailment);
    QCOMPARE(labelByMeaning(premise, simpleSentence(fact(1, 0, 0), Voice::Active)),
             NliLabel::Neutral); // role swap
    QCOMPARE(labelByMeaning(premise, simpleSentence(fact(0, 0, 1), Voice::Active, true)),
             NliLabel::Contradiction);
    QCOMPARE(labelByMeaning(premise, simpleSentence(fact(1, 0, 0), Voice::Active, true)),
             NliLabel::Neutral); // denying an event nobody asserted
    QCOMPARE(labelByMeaning(premise, simpleSentence(fact(0, 1, 1), Voice::Active)),
             NliLabel::Neutral); // another verb
    // "The doctor who helped the student saw the lawyer" asserts doctor-helped-student.
    Sentence rc = premise;
    rc.modifier = Modifier::SubjectRelative;
    rc.modifierNoun = 2;
    rc.modifierVerb = 1;
    QCOMPARE(labelByMeaning(rc, simpleSentence(fact(0, 1, 2), Voice::Passive)),
             NliLabel::Entailment);
    QCOMPARE(labelByMeaning(rc, simpleSentence(fact(2, 0, 1), Voice::Active)),
             NliLabel::Neutral); // subsequence "the student saw the lawyer"
    // "The doctor who the student helped ..." asserts student-helped-doctor.
    rc.modifier = Modifier::ObjectRelative;
    QCOMPARE(labelByMeaning(rc, simpleSentence(fact(2, 1, 0), Voice::Active)),
             NliLabel::Entailment);
    // A negated premise makes the affirmed fact a contradiction.
    const Sentence negated = simpleSentence(fact(0, 0, 1), Voice::Active, true);
    QCOMPARE(labelByMeaning(negated, simpleSentence(fact(0, 0, 1), Voice::Passive)),
             NliLabel::Contradiction);
}

void TestToyLanguage::overlapHeuristicEntailsSwaps() {
    const Sentence premise = simpleSentence(fact(0, 0, 1), Voice::Passive); // lawyer seen by doctor
    QCOMPARE(labelByOverlap(premise, simpleSentence(fact(1, 0, 0), Voice::Active)),
             NliLabel::Entailment); // passive swap: same lemmas
    QCOMPARE(labelByOverlap(premise, simpleSentence(fact(0, 1, 1), Voice::Active)),
             NliLabel::Neutral); // a verb the premise lacks
    QCOMPARE(labelByOverlap(premise, simpleSentence(fact(0, 0, 2), Voice::Active)),
             NliLabel::Neutral); // a noun the premise lacks
    QCOMPARE(labelByOverlap(premise, simpleSentence(fact(0, 0, 1), Voice::Active, true)),
             NliLabel::Contradiction); // negation is read as negation
}

void TestToyLanguage::everyKindGetsItsIntendedLabel() {
    PairGenerator gen(lex(), GrammarRates{}, 11);
    for (PairKind kind : {PairKind::Identical, PairKind::VoiceSwitch, PairKind::DropModifier,
                          PairKind::RelativeFact, PairKind::Negation, PairKind::LowOverlap,
                          PairKind::RoleSwap, PairKind::Unrelated, PairKind::VerbReplaced}) {
        for (int i = 0; i < 200; ++i) {
            const ToyPair p = gen.make(kind);
            QCOMPARE(p.kind, kind);
            QCOMPARE(labelByMeaning(p.premise, p.hypothesis), intendedLabel(kind));
            QCOMPARE(p.hypothesis.modifier, Modifier::None);
        }
    }
    // Role swaps keep every content word: the overlap heuristic calls them entailed.
    for (int i = 0; i < 100; ++i) {
        const ToyPair p = gen.make(PairKind::RoleSwap);
        QCOMPARE(labelByOverlap(p.premise, p.hypothesis), NliLabel::Entailment);
    }
}

void TestToyLanguage::diagnosticCasesHaveTheirHansLabels() {
    PairGenerator gen(lex(), GrammarRates{}, 5);
    for (DiagnosticCase c : allDiagnosticCases()) {
        const std::string subcase = diagnosticSubcase(c);
        // HANS: subcases starting with "le"/"se" are entailed, "ln"/"sn" not.
        const bool entailed = subcase[1] == 'e';
        for (int i = 0; i < 100; ++i) {
            const ToyPair p = gen.diagnostic(c);
            QCOMPARE(labelByMeaning(p.premise, p.hypothesis) == NliLabel::Entailment, entailed);
            // Every diagnostic hypothesis uses only words of its premise (the trap).
            QCOMPARE(labelByOverlap(p.premise, p.hypothesis), NliLabel::Entailment);
        }
    }
}

void TestToyLanguage::generatorIsDeterministic() {
    PairGenerator a(lex(), GrammarRates{}, 42), b(lex(), GrammarRates{}, 42);
    KindWeights mix{{{PairKind::Identical, 1}, {PairKind::RoleSwap, 1}, {PairKind::Negation, 2}}};
    for (int i = 0; i < 300; ++i) {
        const ToyPair x = a.sample(mix), y = b.sample(mix);
        QCOMPARE(renderSentence(x.premise, lex()), renderSentence(y.premise, lex()));
        QCOMPARE(renderSentence(x.hypothesis, lex()), renderSentence(y.hypothesis, lex()));
    }
}

void TestToyLanguage::lexiconWordsAreUnique() {
    const Lexicon full = Lexicon::standard(Lexicon::maxNouns(), Lexicon::maxVerbs());
    const std::vector<std::string> words = full.words();
    const std::set<std::string> unique(words.begin(), words.end());
    QCOMPARE(unique.size(), words.size());
    QVERIFY(unique.count("seen") && unique.count("saw") && unique.count("see"));
    QVERIFY_THROWS_EXCEPTION(bs::Error, Lexicon::standard(2, 4));
}

QTEST_GUILESS_MAIN(TestToyLanguage)
#include "test_toy_language.moc"
