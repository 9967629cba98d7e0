#include "core/zoo/toy_pairs.h"

#include "core/common/error.h"

#include <algorithm>

namespace bs::zoo {

namespace {

bool has(const std::vector<int>& v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

Fact swapped(const Fact& f) {
    return Fact{f.patient, f.verb, f.agent};
}

} // namespace

const char* pairKindName(PairKind kind) {
    switch (kind) {
    case PairKind::Identical:
        return "identical";
    case PairKind::VoiceSwitch:
        return "voice_switch";
    case PairKind::DropModifier:
        return "drop_modifier";
    case PairKind::RelativeFact:
        return "relative_fact";
    case PairKind::Negation:
        return "negation";
    case PairKind::LowOverlap:
        return "low_overlap";
    case PairKind::RoleSwap:
        return "role_swap";
    case PairKind::Unrelated:
        return "unrelated";
    case PairKind::VerbReplaced:
        return "verb_replaced";
    }
    return "?";
}

NliLabel intendedLabel(PairKind kind) {
    switch (kind) {
    case PairKind::Identical:
    case PairKind::VoiceSwitch:
    case PairKind::DropModifier:
    case PairKind::RelativeFact:
        return NliLabel::Entailment;
    case PairKind::Negation:
        return NliLabel::Contradiction;
    default:
        return NliLabel::Neutral;
    }
}

const std::vector<DiagnosticCase>& allDiagnosticCases() {
    static const std::vector<DiagnosticCase> cases = {
        DiagnosticCase::SubjectObjectSwap,  DiagnosticCase::PassiveSwap,
        DiagnosticCase::PrepositionSwap,    DiagnosticCase::RelativeClauseSwap,
        DiagnosticCase::PassiveControl,     DiagnosticCase::RelativeClauseControl,
        DiagnosticCase::PrepositionControl, DiagnosticCase::PpOnSubject,
        DiagnosticCase::RelativeOnSubject};
    return cases;
}

const char* diagnosticHeuristic(DiagnosticCase c) {
    return c == DiagnosticCase::PpOnSubject || c == DiagnosticCase::RelativeOnSubject
               ? "subsequence"
               : "lexical_overlap";
}

const char* diagnosticSubcase(DiagnosticCase c) {
    switch (c) {
    case DiagnosticCase::SubjectObjectSwap:
        return "ln_subject/object_swap";
    case DiagnosticCase::PassiveSwap:
        return "ln_passive";
    case DiagnosticCase::PrepositionSwap:
        return "ln_preposition";
    case DiagnosticCase::RelativeClauseSwap:
        return "ln_relative_clause";
    case DiagnosticCase::PassiveControl:
        return "le_passive";
    case DiagnosticCase::RelativeClauseControl:
        return "le_relative_clause";
    case DiagnosticCase::PrepositionControl:
        return "le_around_prepositional_phrase";
    case DiagnosticCase::PpOnSubject:
        return "sn_PP_on_subject";
    case DiagnosticCase::RelativeOnSubject:
        return "sn_relative_clause_on_subject";
    }
    return "?";
}

double KindWeights::total() const {
    double sum = 0.0;
    for (const auto& [kind, w] : weights)
        sum += w;
    return sum;
}

PairGenerator::PairGenerator(Lexicon lexicon, GrammarRates rates, uint64_t seed)
    : m_lexicon(std::move(lexicon))
    , m_rates(rates)
    , m_rng(seed) {}

double PairGenerator::uniform() {
    return static_cast<double>(m_rng.next() >> 11) * 0x1.0p-53;
}

int PairGenerator::below(int bound) {
    return static_cast<int>(m_rng.below(static_cast<uint64_t>(bound)));
}

Voice PairGenerator::randomVoice() {
    return uniform() < m_rates.passive ? Voice::Passive : Voice::Active;
}

Fact PairGenerator::randomFact() {
    Fact f;
    f.agent = below(static_cast<int>(m_lexicon.nouns.size()));
    f.patient = otherNoun({f.agent});
    f.verb = below(static_cast<int>(m_lexicon.verbs.size()));
    return f;
}

int PairGenerator::otherNoun(const std::vector<int>& avoid) {
    const int nouns = static_cast<int>(m_lexicon.nouns.size());
    for (;;) {
        const int n = below(nouns);
        if (!has(avoid, n))
            return n;
    }
}

int PairGenerator::otherVerb(const std::vector<int>& avoid) {
    const int verbs = static_cast<int>(m_lexicon.verbs.size());
    for (;;) {
        const int v = below(verbs);
        if (!has(avoid, v))
            return v;
    }
}

Sentence PairGenerator::premiseWith(Modifier modifier) {
    Sentence s = simpleSentence(randomFact(), randomVoice());
    s.modifier = modifier;
    if (modifier != Modifier::None) {
        s.modifierNoun = otherNoun({s.main.agent, s.main.patient});
        if (modifier != Modifier::Near)
            s.modifierVerb = below(static_cast<int>(m_lexicon.verbs.size()));
    }
    return s;
}

Sentence PairGenerator::premise() {
    Modifier modifier = Modifier::None;
    if (uniform() < m_rates.modifier) {
        if (uniform() < m_rates.relative)
            modifier = uniform() < 0.5 ? Modifier::SubjectRelative : Modifier::ObjectRelative;
        else
            modifier = Modifier::Near;
    }
    return premiseWith(modifier);
}

bool PairGenerator::applicable(PairKind kind, const Sentence& premise) {
    switch (kind) {
    case PairKind::Identical:
        return premise.modifier == Modifier::None;
    case PairKind::DropModifier:
        return premise.modifier != Modifier::None;
    case PairKind::RelativeFact:
        return premise.modifier == Modifier::SubjectRelative ||
               premise.modifier == Modifier::ObjectRelative;
    default:
        return true;
    }
}

ToyPair PairGenerator::buildFrom(const Sentence& premise, PairKind kind) {
    ToyPair pair;
    pair.kind = kind;
    pair.premise = premise;
    const Fact main = premise.main;
    switch (kind) {
    case PairKind::Identical:
    case PairKind::DropModifier:
        // The main clause as it stands: the premise itself when it has no modifier.
        pair.hypothesis = simpleSentence(main, premise.voice);
        break;
    case PairKind::VoiceSwitch:
        pair.hypothesis =
            simpleSentence(main, premise.voice == Voice::Active ? Voice::Passive : Voice::Active);
        break;
    case PairKind::RelativeFact:
        pair.hypothesis = simpleSentence(premise.assertedFacts().back(), randomVoice());
        break;
    case PairKind::Negation:
        pair.hypothesis = simpleSentence(main, randomVoice(), /*negated=*/true);
        break;
    case PairKind::LowOverlap: {
        Fact f = main;
        const int which = below(3);
        if (which == 0)
            f.agent = otherNoun(premise.nouns());
        else if (which == 1)
            f.patient = otherNoun(premise.nouns());
        else
            f.verb = otherVerb(premise.verbs());
        pair.hypothesis = simpleSentence(f, randomVoice());
        break;
    }
    case PairKind::VerbReplaced: {
        Fact f = main;
        f.verb = otherVerb(premise.verbs());
        pair.hypothesis = simpleSentence(f, randomVoice());
        break;
    }
    case PairKind::RoleSwap:
        pair.hypothesis = simpleSentence(swapped(main), randomVoice());
        break;
    case PairKind::Unrelated:
        pair.hypothesis = simpleSentence(randomFact(), randomVoice());
        break;
    }
    return pair;
}

ToyPair PairGenerator::make(PairKind kind) {
    // The premise is drawn to suit the kind; a few constructions can coincide with another
    // fact of the premise (a relative clause stating the swapped event): redraw those so
    // that kind and label agree.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        Sentence premise;
        switch (kind) {
        case PairKind::Identical:
            premise = premiseWith(Modifier::None);
            break;
        case PairKind::DropModifier: {
            const double u = uniform();
            premise = premiseWith(u < 1.0 / 3   ? Modifier::Near
                                  : u < 2.0 / 3 ? Modifier::SubjectRelative
                                                : Modifier::ObjectRelative);
            break;
        }
        case PairKind::RelativeFact:
            premise =
                premiseWith(uniform() < 0.5 ? Modifier::SubjectRelative : Modifier::ObjectRelative);
            break;
        default:
            premise = this->premise();
        }
        ToyPair pair = buildFrom(premise, kind);
        if (labelByMeaning(pair.premise, pair.hypothesis) == intendedLabel(kind))
            return pair;
    }
    throw Error(std::string("toy language: cannot build a '") + pairKindName(kind) +
                "' pair with this lexicon (too few nouns or verbs)");
}

ToyPair PairGenerator::sample(const KindWeights& mix) {
    // Every pair starts from a premise drawn from the grammar rates, whatever its label, so
    // that the premise's shape (a modifier, a relative clause) says nothing about the label.
    // The label class is drawn first; an entailed class then picks, among the constructions
    // the premise allows, one by weight (identical and drop-modifier are the same
    // construction: the main clause as it stands).
    double entailed = 0.0;
    std::vector<std::pair<PairKind, double>> classes;
    for (const auto& [kind, w] : mix.weights) {
        if (w <= 0)
            continue;
        if (intendedLabel(kind) == NliLabel::Entailment)
            entailed += w;
        else
            classes.emplace_back(kind, w);
    }
    if (entailed > 0)
        classes.emplace_back(PairKind::Identical, entailed);
    double total = 0.0;
    for (const auto& [kind, w] : classes)
        total += w;
    if (!(total > 0.0))
        throw Error("toy language: a pair mixture needs a positive weight");
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const Sentence premise = this->premise();
        double u = uniform() * total;
        PairKind kind = classes.back().first;
        for (const auto& [k, w] : classes) {
            if (u < w) {
                kind = k;
                break;
            }
            u -= w;
        }
        if (intendedLabel(kind) == NliLabel::Entailment) {
            std::vector<std::pair<PairKind, double>> options;
            double sameVoice = 0.0;
            for (const auto& [k, w] : mix.weights) {
                if (w <= 0 || intendedLabel(k) != NliLabel::Entailment)
                    continue;
                if (k == PairKind::Identical || k == PairKind::DropModifier)
                    sameVoice += w;
                else if (applicable(k, premise))
                    options.emplace_back(k, w);
            }
            if (sameVoice > 0)
                options.emplace_back(premise.modifier == Modifier::None ? PairKind::Identical
                                                                        : PairKind::DropModifier,
                                     sameVoice);
            double sum = 0.0;
            for (const auto& [k, w] : options)
                sum += w;
            if (!(sum > 0.0))
                continue;
            double v = uniform() * sum;
            kind = options.back().first;
            for (const auto& [k, w] : options) {
                if (v < w) {
                    kind = k;
                    break;
                }
                v -= w;
            }
        }
        ToyPair pair = buildFrom(premise, kind);
        if (labelByMeaning(pair.premise, pair.hypothesis) == intendedLabel(kind))
            return pair;
    }
    throw Error("toy language: cannot draw a pair from this mixture and lexicon");
}

ToyPair PairGenerator::diagnostic(DiagnosticCase c) {
    ToyPair pair;
    pair.kind = PairKind::RoleSwap;
    switch (c) {
    case DiagnosticCase::SubjectObjectSwap: {
        pair.premise = simpleSentence(randomFact(), Voice::Active);
        pair.hypothesis = simpleSentence(swapped(pair.premise.main), Voice::Active);
        break;
    }
    case DiagnosticCase::PassiveSwap: {
        pair.premise = simpleSentence(randomFact(), Voice::Passive);
        // "The A was seen by the B" (B saw A) / "The A saw the B".
        pair.hypothesis = simpleSentence(swapped(pair.premise.main), Voice::Active);
        break;
    }
    case DiagnosticCase::PassiveControl: {
        pair.kind = PairKind::VoiceSwitch;
        pair.premise = simpleSentence(randomFact(), Voice::Passive);
        pair.hypothesis = simpleSentence(pair.premise.main, Voice::Active);
        break;
    }
    case DiagnosticCase::PrepositionSwap:
    case DiagnosticCase::PrepositionControl:
    case DiagnosticCase::PpOnSubject: {
        pair.premise = premiseWith(Modifier::Near);
        pair.premise.voice = Voice::Active;
        const Fact main = pair.premise.main;
        if (c == DiagnosticCase::PrepositionSwap) {
            pair.hypothesis = simpleSentence(swapped(main), Voice::Active);
        } else if (c == DiagnosticCase::PrepositionControl) {
            pair.kind = PairKind::DropModifier;
            pair.hypothesis = simpleSentence(main, Voice::Active);
        } else {
            pair.kind = PairKind::LowOverlap;
            pair.hypothesis = simpleSentence(
                Fact{pair.premise.modifierNoun, main.verb, main.patient}, Voice::Active);
        }
        break;
    }
    case DiagnosticCase::RelativeClauseSwap:
    case DiagnosticCase::RelativeClauseControl:
    case DiagnosticCase::RelativeOnSubject: {
        for (;;) {
            pair.premise = premiseWith(Modifier::SubjectRelative);
            pair.premise.voice = Voice::Active;
            const Fact main = pair.premise.main;
            if (c == DiagnosticCase::RelativeClauseSwap) {
                pair.hypothesis = simpleSentence(swapped(main), Voice::Active);
            } else if (c == DiagnosticCase::RelativeClauseControl) {
                pair.kind = PairKind::DropModifier;
                pair.hypothesis = simpleSentence(main, Voice::Active);
            } else {
                pair.kind = PairKind::LowOverlap;
                pair.hypothesis = simpleSentence(
                    Fact{pair.premise.modifierNoun, main.verb, main.patient}, Voice::Active);
            }
            // "The A who saw the B saw the C" / "The B saw the C" must stay non-entailed.
            const bool entailed =
                labelByMeaning(pair.premise, pair.hypothesis) == NliLabel::Entailment;
            if (entailed == (c == DiagnosticCase::RelativeClauseControl))
                break;
        }
        break;
    }
    }
    return pair;
}

} // namespace bs::zoo
