#pragma once
// Premise/hypothesis pairs of the toy language: in-domain kinds and HANS-style diagnostic cases.

#include "core/data/sampling.h"
#include "core/zoo/toy_language.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs::zoo {

// How a pair was made. The label always comes from labelByMeaning; the kind only says
// which construction produced it (it is written to the MNLI "genre" column).
enum class PairKind {
    Identical,    // the premise itself (entailment)
    VoiceSwitch,  // the main clause in the other voice (entailment)
    DropModifier, // the main clause without the subject's modifier (entailment)
    RelativeFact, // the relative clause's event as a sentence (entailment)
    Negation,     // the main clause negated (contradiction)
    LowOverlap,   // the main clause with one noun or the verb replaced (neutral)
    RoleSwap,     // agent and patient exchanged, either voice (neutral: breaks the overlap heuristic)
    Unrelated,    // an independent sentence (pre-training negatives only)
    VerbReplaced, // only the verb replaced (pre-training negatives)
};
const char* pairKindName(PairKind kind); // "identical", "voice_switch", ...

// The HANS-style diagnostic cases (subcase names follow HANS where one matches).
enum class DiagnosticCase {
    SubjectObjectSwap,     // ln_subject/object_swap: A V B / B V A
    PassiveSwap,           // ln_passive: A was V-ed by B / A V B
    PrepositionSwap,       // ln_preposition: A near B V C / C V A
    RelativeClauseSwap,    // ln_relative_clause: A who V1 B V2 C / C V2 A
    PassiveControl,        // le_passive: A was V-ed by B / B V A (entailed)
    RelativeClauseControl, // le_relative_clause: A who V1 B V2 C / A V2 C (entailed)
    PrepositionControl,    // le_around_prepositional_phrase: A near B V C / A V C (entailed)
    PpOnSubject,           // sn_PP_on_subject: A near B V C / B V C
    RelativeOnSubject,     // sn_relative_clause_on_subject: A who V1 B V2 C / B V2 C
};
const std::vector<DiagnosticCase>& allDiagnosticCases();
const char* diagnosticHeuristic(DiagnosticCase c); // "lexical_overlap" or "subsequence"
const char* diagnosticSubcase(DiagnosticCase c);   // e.g. "ln_subject/object_swap"

struct ToyPair {
    Sentence premise;
    Sentence hypothesis;
    PairKind kind = PairKind::Identical;
};

// Premise shape: how often a premise is passive and carries a modifier.
struct GrammarRates {
    double passive = 0.5;
    double modifier = 0.3; // premises with a modifier on the subject
    double relative = 0.5; // of those, relative clauses (half subject-, half object-relative)
};

// Relative weights of the kinds in a mixture (they need not sum to 1).
struct KindWeights {
    std::vector<std::pair<PairKind, double>> weights;
    double total() const;
};

// Deterministic pair factory (splitmix64): the same seed gives the same pairs everywhere.
class PairGenerator {
public:
    PairGenerator(Lexicon lexicon, GrammarRates rates, uint64_t seed);

    const Lexicon& lexicon() const { return m_lexicon; }
    // A premise drawn from the rates; `forceModifier` picks its modifier type.
    Sentence premise();
    Sentence premiseWith(Modifier modifier);
    // A pair of the given kind whose meaning label matches the kind (redrawn until it does);
    // the premise is drawn to suit the kind (e.g. with a relative clause for RelativeFact).
    ToyPair make(PairKind kind);
    // A pair drawn from `mix`: the premise from the grammar rates alone, then the label class
    // by weight (all entailed kinds form one class), then an entailed construction the
    // premise allows. So the premise's shape carries no information about the label.
    ToyPair sample(const KindWeights& mix);
    // A diagnostic case; its label is labelByMeaning collapsed to entailment/non-entailment.
    ToyPair diagnostic(DiagnosticCase c);
    // A single sentence of the language (pre-training text).
    Sentence sentence() { return premise(); }

    double uniform(); // [0, 1)
    int below(int bound);

private:
    Fact randomFact();
    int otherNoun(const std::vector<int>& avoid);
    int otherVerb(const std::vector<int>& avoid);
    Voice randomVoice();
    static bool applicable(PairKind kind, const Sentence& premise);
    ToyPair buildFrom(const Sentence& premise, PairKind kind);

    Lexicon m_lexicon;
    GrammarRates m_rates;
    SplitMix64 m_rng;
};

// The label a kind is built to have (Unrelated/VerbReplaced: neutral).
NliLabel intendedLabel(PairKind kind);

} // namespace bs::zoo
