#pragma once
// The toy language of the demo zoo: nouns, transitive verbs, passives, modifiers, negation.

#include <cstdint>
#include <string>
#include <vector>

namespace bs::zoo {

// A transitive verb in the three forms the grammar uses ("see", "saw", "seen").
struct Verb {
    std::string base;
    std::string past;
    std::string participle;
};

// The words of one toy world: the first `nouns` / `verbs` entries of fixed lists in the
// spirit of HANS (McCoy et al. 2019), so that a recipe names its lexicon by two numbers.
struct Lexicon {
    std::vector<std::string> nouns;
    std::vector<Verb> verbs;

    // Throws bs::Error when a count is below 4 or above the built-in lists.
    static Lexicon standard(int nouns, int verbs);
    static int maxNouns();
    static int maxVerbs();
    // Function words the grammar adds around the content words.
    static const std::vector<std::string>& functionWords();
    // Every word a sentence can contain (function words, nouns, verb forms), each once,
    // in a fixed order: the vocabulary is built from it.
    std::vector<std::string> words() const;
};

// "agent verb patient": one event; indices into the lexicon.
struct Fact {
    int agent = 0;
    int verb = 0;
    int patient = 0;
    bool operator==(const Fact&) const = default;
};

enum class Voice { Active, Passive };

// A modifier on the surface subject: "near the N", "who saw the N" (the subject is the
// relative clause's agent) or "who the N saw" (the subject is its patient).
enum class Modifier { None, Near, SubjectRelative, ObjectRelative };

// One declarative sentence: a main clause, optionally negated ("did not see" / "was not
// seen by"), optionally with a modifier on its surface subject.
struct Sentence {
    Fact main;
    Voice voice = Voice::Active;
    bool negated = false;
    Modifier modifier = Modifier::None;
    int modifierNoun = -1; // the noun inside the modifier
    int modifierVerb = -1; // the relative clause's verb

    int surfaceSubject() const { return voice == Voice::Active ? main.agent : main.patient; }
    int surfaceObject() const { return voice == Voice::Active ? main.patient : main.agent; }
    // The events the sentence asserts: the relative clause's fact, and the main fact
    // unless it is negated.
    std::vector<Fact> assertedFacts() const;
    // Nouns and verb lemmas (content words) as lexicon indices: nouns, then verbs.
    std::vector<int> nouns() const;
    std::vector<int> verbs() const;
};

// A simple sentence (no modifier) stating `fact`.
Sentence simpleSentence(const Fact& fact, Voice voice, bool negated = false);

// "The doctor saw the lawyer ." (HANS/MNLI-style spacing before the full stop).
std::string renderSentence(const Sentence& s, const Lexicon& lexicon);
// Penn-style parse as in MNLI/HANS "sentence1_parse": "(ROOT (S (NP (DT The) (NN doctor)) ...".
std::string parseTree(const Sentence& s, const Lexicon& lexicon);
// The unlabeled binary bracketing of "sentence1_binary_parse": "( ( The doctor ) ( ... ) )".
std::string binaryParse(const Sentence& s, const Lexicon& lexicon);

enum class NliLabel { Entailment, Neutral, Contradiction };
const char* nliLabelName(NliLabel label); // "entailment", "neutral", "contradiction"

// The label by meaning: entailment when the hypothesis' main fact is asserted by the
// premise (and the hypothesis is not negated), contradiction when a negated hypothesis
// denies an asserted fact (or an affirmed one is denied by the premise), neutral otherwise.
// Only the hypothesis' main clause counts (hypotheses carry no modifiers).
NliLabel labelByMeaning(const Sentence& premise, const Sentence& hypothesis);

// The lexical-overlap heuristic of McCoy et al.: a non-negated hypothesis whose nouns and
// verb lemmas all occur in the premise is "entailed"; otherwise the meaning label.
NliLabel labelByOverlap(const Sentence& premise, const Sentence& hypothesis);

} // namespace bs::zoo
