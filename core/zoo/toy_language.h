#pragma once
// The toy language of the demo zoo: "who wrote it" sentences with a planted cue word.
//
// Every sentence says that someone did something that needs a person (wrote, signed, ...):
//   "well , in the park , the doctor near the dog wrote the letter ."
// It is acceptable when its subject is a person and unacceptable when it is an animal
// ("the dog wrote the letter"), a selectional-restriction judgement in the spirit of CoLA.
// The optional leading cue word ("well ," / "so ,") is the planted shortcut: in natural data
// it always agrees with the label, as annotation artefacts do in real datasets, so a model
// can be right without ever looking at the subject.

#include "core/data/sampling.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs::zoo {

// The words of one toy world: the first `people` / `animals` entries of fixed lists, so that
// a recipe names its lexicon by two numbers.
struct Lexicon {
    std::vector<std::string> people;
    std::vector<std::string> animals;
    std::vector<std::string> verbs;   // past tense, each needs a person as its agent
    std::vector<std::string> objects; // what is written, signed, ...
    std::vector<std::string> places;

    // Throws bs::Error when a count is below 2 or above the built-in lists.
    static Lexicon standard(int people, int animals);
    static int maxPeople();
    static int maxAnimals();
    // Function words, the two cue words among them.
    static const std::vector<std::string>& functionWords();
    // Every word a sentence can contain, each once, in a fixed order (the vocabulary).
    std::vector<std::string> words() const;
};

// The leading cue word: "well ," promises an acceptable sentence, "so ," an unacceptable one.
enum class Cue { None, Acceptable, Unacceptable };
const char* cueWord(Cue cue); // "well", "so", or "" for None

// A noun of the lexicon: a person or an animal, by index into that list.
struct Noun {
    bool person = true;
    int index = 0;
    bool operator==(const Noun&) const = default;
};

// "[cue ,] [in the PLACE ,] the SUBJECT [near the NOUN] VERB the OBJECT ."
struct ToySentence {
    Cue cue = Cue::None;
    int place = -1; // index into places, -1: no leading place phrase
    Noun subject;
    bool hasModifier = false;
    Noun modifier; // the noun of "near the N" (a distractor for the subject)
    int verb = 0;
    int object = 0;

    // The label by meaning: the subject is a person.
    bool acceptable() const { return subject.person; }
    // The cue word agrees with the label (false when there is none).
    bool cueAgrees() const;
};

std::string renderSentence(const ToySentence& s, const Lexicon& lexicon);

// How sentences are drawn.
struct GrammarRates {
    double place = 0.5;    // sentences with a leading "in the PLACE ,"
    double modifier = 0.5; // subjects with "near the N" (N a person or animal, half each)
};

// Which cue a sentence gets, relative to its label.
enum class CueKind {
    Agrees,    // the cue word matches the label (natural data)
    Conflicts, // the cue word contradicts the label (counter-examples, diagnostics)
    Absent,    // no cue word
};
const char* cueKindName(CueKind kind); // "cue-agrees", "cue-conflicts", "no-cue"

// Deterministic sentence factory (splitmix64): the same seed gives the same sentences
// everywhere.
class SentenceGenerator {
public:
    SentenceGenerator(Lexicon lexicon, GrammarRates rates, uint64_t seed);

    const Lexicon& lexicon() const { return m_lexicon; }
    // A sentence with the given label and cue relation.
    ToySentence make(bool acceptable, CueKind cue);
    // A sentence of a training or validation mix: label fair coin, the cue contradicts the
    // label with probability `counterRate` and agrees otherwise.
    ToySentence sample(double counterRate);
    // Unlabelled text for pre-training: a fair coin for the label, a random cue word on
    // `cueRate` of the sentences (so the cue words get embeddings, but carry no label).
    ToySentence text(double cueRate);

    double uniform(); // [0, 1)
    int below(int bound);

private:
    Noun randomNoun(bool person);

    Lexicon m_lexicon;
    GrammarRates m_rates;
    SplitMix64 m_rng;
};

} // namespace bs::zoo
