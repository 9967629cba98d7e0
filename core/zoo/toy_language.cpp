#include "core/zoo/toy_language.h"

#include "core/common/error.h"

#include <string>

namespace bs::zoo {

namespace {

// The orders fix which words a smaller lexicon keeps.
const std::vector<std::string>& allPeople() {
    static const std::vector<std::string> words = {"doctor", "lawyer", "teacher", "artist",
                                                   "pilot",  "singer", "author",  "banker",
                                                   "farmer", "judge",  "nurse",   "baker"};
    return words;
}

const std::vector<std::string>& allAnimals() {
    static const std::vector<std::string> words = {"dog",  "cat",   "horse", "bird",
                                                   "fox",  "wolf",  "mouse", "goat",
                                                   "duck", "sheep", "bear",  "rabbit"};
    return words;
}

void requireCount(int count, int max, const char* what) {
    if (count < 2 || count > max)
        throw Error(std::string("toy language: the number of ") + what + " must be in [2, " +
                    std::to_string(max) + "], found " + std::to_string(count));
}

} // namespace

Lexicon Lexicon::standard(int people, int animals) {
    requireCount(people, maxPeople(), "people");
    requireCount(animals, maxAnimals(), "animals");
    Lexicon l;
    l.people.assign(allPeople().begin(), allPeople().begin() + people);
    l.animals.assign(allAnimals().begin(), allAnimals().begin() + animals);
    l.verbs = {"wrote", "signed", "read", "painted", "sold", "mailed", "printed", "copied"};
    l.objects = {"letter", "book", "poem", "map", "card", "note", "story", "report"};
    l.places = {"park", "house", "garden", "office"};
    return l;
}

int Lexicon::maxPeople() {
    return static_cast<int>(allPeople().size());
}

int Lexicon::maxAnimals() {
    return static_cast<int>(allAnimals().size());
}

const std::vector<std::string>& Lexicon::functionWords() {
    static const std::vector<std::string> words = {"the", "near", "in", ",", ".", "well", "so"};
    return words;
}

std::vector<std::string> Lexicon::words() const {
    std::vector<std::string> out = functionWords();
    for (const auto* list : {&people, &animals, &verbs, &objects, &places})
        out.insert(out.end(), list->begin(), list->end());
    return out;
}

const char* cueWord(Cue cue) {
    switch (cue) {
    case Cue::Acceptable:
        return "well";
    case Cue::Unacceptable:
        return "so";
    case Cue::None:
        break;
    }
    return "";
}

bool ToySentence::cueAgrees() const {
    return cue != Cue::None && (cue == Cue::Acceptable) == acceptable();
}

std::string renderSentence(const ToySentence& s, const Lexicon& lexicon) {
    const auto noun = [&](const Noun& n) {
        return (n.person ? lexicon.people : lexicon.animals).at(size_t(n.index));
    };
    std::string out;
    if (s.cue != Cue::None)
        out += std::string(cueWord(s.cue)) + " , ";
    if (s.place >= 0)
        out += "in the " + lexicon.places.at(size_t(s.place)) + " , ";
    out += "the " + noun(s.subject);
    if (s.hasModifier)
        out += " near the " + noun(s.modifier);
    out += " " + lexicon.verbs.at(size_t(s.verb)) + " the " + lexicon.objects.at(size_t(s.object)) +
           " .";
    return out;
}

const char* cueKindName(CueKind kind) {
    switch (kind) {
    case CueKind::Agrees:
        return "cue-agrees";
    case CueKind::Conflicts:
        return "cue-conflicts";
    case CueKind::Absent:
        break;
    }
    return "no-cue";
}

SentenceGenerator::SentenceGenerator(Lexicon lexicon, GrammarRates rates, uint64_t seed)
    : m_lexicon(std::move(lexicon))
    , m_rates(rates)
    , m_rng(seed) {}

double SentenceGenerator::uniform() {
    return static_cast<double>(m_rng.next() >> 11) * 0x1.0p-53;
}

int SentenceGenerator::below(int bound) {
    return static_cast<int>(m_rng.below(static_cast<uint64_t>(bound)));
}

Noun SentenceGenerator::randomNoun(bool person) {
    const auto& list = person ? m_lexicon.people : m_lexicon.animals;
    return Noun{person, below(static_cast<int>(list.size()))};
}

ToySentence SentenceGenerator::make(bool acceptable, CueKind cue) {
    // Draw order is part of the format: changing it changes every committed file.
    ToySentence s;
    s.place = uniform() < m_rates.place ? below(static_cast<int>(m_lexicon.places.size())) : -1;
    s.subject = randomNoun(acceptable);
    s.hasModifier = uniform() < m_rates.modifier;
    if (s.hasModifier)
        s.modifier = randomNoun(uniform() < 0.5);
    s.verb = below(static_cast<int>(m_lexicon.verbs.size()));
    s.object = below(static_cast<int>(m_lexicon.objects.size()));
    const Cue matching = acceptable ? Cue::Acceptable : Cue::Unacceptable;
    const Cue opposite = acceptable ? Cue::Unacceptable : Cue::Acceptable;
    s.cue = cue == CueKind::Agrees ? matching : cue == CueKind::Conflicts ? opposite : Cue::None;
    return s;
}

ToySentence SentenceGenerator::sample(double counterRate) {
    const bool acceptable = uniform() < 0.5;
    const CueKind cue = uniform() < counterRate ? CueKind::Conflicts : CueKind::Agrees;
    return make(acceptable, cue);
}

ToySentence SentenceGenerator::text(double cueRate) {
    const bool acceptable = uniform() < 0.5;
    if (!(uniform() < cueRate))
        return make(acceptable, CueKind::Absent);
    return make(acceptable, uniform() < 0.5 ? CueKind::Agrees : CueKind::Conflicts);
}

} // namespace bs::zoo
