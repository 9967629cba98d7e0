#include "core/zoo/toy_language.h"

#include "core/common/error.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace bs::zoo {

namespace {

// HANS-like occupations; the order fixes which nouns a smaller lexicon keeps.
const std::vector<std::string>& allNouns() {
    static const std::vector<std::string> nouns = {"doctor",  "lawyer",  "student",   "artist",
                                                   "judge",   "actor",   "author",    "banker",
                                                   "manager", "senator", "scientist", "professor",
                                                   "tourist", "athlete", "secretary", "president"};
    return nouns;
}

// Irregular participles come early so that small lexicons have some ("saw" vs "seen").
const std::vector<Verb>& allVerbs() {
    static const std::vector<Verb> verbs = {{"see", "saw", "seen"},
                                            {"help", "helped", "helped"},
                                            {"know", "knew", "known"},
                                            {"thank", "thanked", "thanked"},
                                            {"meet", "met", "met"},
                                            {"call", "called", "called"},
                                            {"forget", "forgot", "forgotten"},
                                            {"advise", "advised", "advised"},
                                            {"admire", "admired", "admired"},
                                            {"avoid", "avoided", "avoided"},
                                            {"hear", "heard", "heard"},
                                            {"support", "supported", "supported"},
                                            {"find", "found", "found"},
                                            {"recommend", "recommended", "recommended"},
                                            {"visit", "visited", "visited"},
                                            {"contact", "contacted", "contacted"}};
    return verbs;
}

struct Node {
    std::string label; // phrase or part-of-speech tag
    std::string word;  // leaves only
    std::vector<Node> children;
};

Node leaf(std::string tag, std::string word) {
    return Node{std::move(tag), std::move(word), {}};
}

Node phrase(std::string label, std::vector<Node> children) {
    return Node{std::move(label), {}, std::move(children)};
}

Node nounPhrase(const Lexicon& lexicon, int noun) {
    return phrase("NP", {leaf("DT", "the"), leaf("NN", lexicon.nouns.at(size_t(noun)))});
}

const Verb& verbOf(const Lexicon& lexicon, int verb) {
    return lexicon.verbs.at(size_t(verb));
}

Node subjectPhrase(const Sentence& s, const Lexicon& lexicon) {
    Node head = nounPhrase(lexicon, s.surfaceSubject());
    switch (s.modifier) {
    case Modifier::None:
        return head;
    case Modifier::Near:
        return phrase(
            "NP", {head, phrase("PP", {leaf("IN", "near"), nounPhrase(lexicon, s.modifierNoun)})});
    case Modifier::SubjectRelative:
        return phrase(
            "NP",
            {head,
             phrase("SBAR",
                    {phrase("WHNP", {leaf("WP", "who")}),
                     phrase("S", {phrase("VP", {leaf("VBD", verbOf(lexicon, s.modifierVerb).past),
                                                nounPhrase(lexicon, s.modifierNoun)})})})});
    case Modifier::ObjectRelative:
        return phrase(
            "NP",
            {head,
             phrase("SBAR",
                    {phrase("WHNP", {leaf("WP", "who")}),
                     phrase("S", {nounPhrase(lexicon, s.modifierNoun),
                                  phrase("VP",
                                         {leaf("VBD", verbOf(lexicon, s.modifierVerb).past)})})})});
    }
    return head;
}

Node verbPhrase(const Sentence& s, const Lexicon& lexicon) {
    const Verb& v = verbOf(lexicon, s.main.verb);
    Node object = nounPhrase(lexicon, s.surfaceObject());
    if (s.voice == Voice::Active) {
        if (!s.negated)
            return phrase("VP", {leaf("VBD", v.past), object});
        return phrase("VP", {leaf("VBD", "did"), leaf("RB", "not"),
                             phrase("VP", {leaf("VB", v.base), object})});
    }
    Node byPhrase = phrase("PP", {leaf("IN", "by"), object});
    Node participle = phrase("VP", {leaf("VBN", v.participle), byPhrase});
    if (!s.negated)
        return phrase("VP", {leaf("VBD", "was"), participle});
    return phrase("VP", {leaf("VBD", "was"), leaf("RB", "not"), participle});
}

Node sentenceTree(const Sentence& s, const Lexicon& lexicon) {
    return phrase(
        "ROOT", {phrase("S", {subjectPhrase(s, lexicon), verbPhrase(s, lexicon), leaf(".", ".")})});
}

void collectWords(const Node& n, std::vector<std::string>& out) {
    if (n.children.empty()) {
        out.push_back(n.word);
        return;
    }
    for (const Node& c : n.children)
        collectWords(c, out);
}

std::string capitalized(std::string word) {
    if (!word.empty())
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    return word;
}

void writePenn(const Node& n, bool& first, std::string& out) {
    out += "(" + n.label + " ";
    if (n.children.empty()) {
        out += first ? capitalized(n.word) : n.word;
        first = false;
    } else {
        for (size_t i = 0; i < n.children.size(); ++i) {
            if (i)
                out += " ";
            writePenn(n.children[i], first, out);
        }
    }
    out += ")";
}

// Right-branching binarisation without labels; unary chains collapse to their child.
std::string binarize(const std::vector<const Node*>& nodes, bool& first);

std::string binaryOf(const Node& n, bool& first) {
    if (n.children.empty()) {
        std::string w = first ? capitalized(n.word) : n.word;
        first = false;
        return w;
    }
    std::vector<const Node*> kids;
    for (const Node& c : n.children)
        kids.push_back(&c);
    return binarize(kids, first);
}

std::string binarize(const std::vector<const Node*>& nodes, bool& first) {
    if (nodes.size() == 1)
        return binaryOf(*nodes[0], first);
    const std::string head = binaryOf(*nodes[0], first);
    const std::vector<const Node*> rest(nodes.begin() + 1, nodes.end());
    return "( " + head + " " + binarize(rest, first) + " )";
}

bool contains(const std::vector<int>& v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

Lexicon Lexicon::standard(int nouns, int verbs) {
    if (nouns < 4 || nouns > maxNouns())
        throw Error("toy language: nouns must be between 4 and " + std::to_string(maxNouns()) +
                    ", found " + std::to_string(nouns));
    if (verbs < 2 || verbs > maxVerbs())
        throw Error("toy language: verbs must be between 2 and " + std::to_string(maxVerbs()) +
                    ", found " + std::to_string(verbs));
    Lexicon lexicon;
    lexicon.nouns.assign(allNouns().begin(), allNouns().begin() + nouns);
    lexicon.verbs.assign(allVerbs().begin(), allVerbs().begin() + verbs);
    return lexicon;
}

int Lexicon::maxNouns() {
    return static_cast<int>(allNouns().size());
}

int Lexicon::maxVerbs() {
    return static_cast<int>(allVerbs().size());
}

const std::vector<std::string>& Lexicon::functionWords() {
    static const std::vector<std::string> words = {".",    "the", "was", "by",
                                                   "near", "who", "did", "not"};
    return words;
}

std::vector<std::string> Lexicon::words() const {
    std::vector<std::string> out = functionWords();
    const auto add = [&out](const std::string& w) {
        if (std::find(out.begin(), out.end(), w) == out.end())
            out.push_back(w);
    };
    for (const std::string& n : nouns)
        add(n);
    for (const Verb& v : verbs) {
        add(v.base);
        add(v.past);
        add(v.participle);
    }
    return out;
}

std::vector<Fact> Sentence::assertedFacts() const {
    std::vector<Fact> facts;
    if (!negated)
        facts.push_back(main);
    const int head = surfaceSubject();
    if (modifier == Modifier::SubjectRelative)
        facts.push_back(Fact{head, modifierVerb, modifierNoun});
    else if (modifier == Modifier::ObjectRelative)
        facts.push_back(Fact{modifierNoun, modifierVerb, head});
    return facts;
}

std::vector<int> Sentence::nouns() const {
    std::vector<int> out{main.agent, main.patient};
    if (modifier != Modifier::None)
        out.push_back(modifierNoun);
    return out;
}

std::vector<int> Sentence::verbs() const {
    std::vector<int> out{main.verb};
    if (modifier == Modifier::SubjectRelative || modifier == Modifier::ObjectRelative)
        out.push_back(modifierVerb);
    return out;
}

Sentence simpleSentence(const Fact& fact, Voice voice, bool negated) {
    Sentence s;
    s.main = fact;
    s.voice = voice;
    s.negated = negated;
    return s;
}

std::string renderSentence(const Sentence& s, const Lexicon& lexicon) {
    std::vector<std::string> words;
    collectWords(sentenceTree(s, lexicon), words);
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i)
            out += " ";
        out += i == 0 ? capitalized(words[i]) : words[i];
    }
    return out;
}

std::string parseTree(const Sentence& s, const Lexicon& lexicon) {
    std::string out;
    bool first = true;
    writePenn(sentenceTree(s, lexicon), first, out);
    return out;
}

std::string binaryParse(const Sentence& s, const Lexicon& lexicon) {
    bool first = true;
    // ROOT is a unary wrapper around S in the public files' binary parses.
    return binaryOf(sentenceTree(s, lexicon).children.front(), first);
}

const char* nliLabelName(NliLabel label) {
    switch (label) {
    case NliLabel::Entailment:
        return "entailment";
    case NliLabel::Neutral:
        return "neutral";
    case NliLabel::Contradiction:
        return "contradiction";
    }
    return "neutral";
}

NliLabel labelByMeaning(const Sentence& premise, const Sentence& hypothesis) {
    const std::vector<Fact> asserted = premise.assertedFacts();
    const bool stated =
        std::find(asserted.begin(), asserted.end(), hypothesis.main) != asserted.end();
    const bool denied = premise.negated && premise.main == hypothesis.main;
    if (!hypothesis.negated)
        return stated ? NliLabel::Entailment
                      : (denied ? NliLabel::Contradiction : NliLabel::Neutral);
    return stated ? NliLabel::Contradiction : (denied ? NliLabel::Entailment : NliLabel::Neutral);
}

NliLabel labelByOverlap(const Sentence& premise, const Sentence& hypothesis) {
    if (hypothesis.negated || premise.negated)
        return labelByMeaning(premise, hypothesis);
    const std::vector<int> nouns = premise.nouns();
    const std::vector<int> verbs = premise.verbs();
    for (int n : hypothesis.nouns())
        if (!contains(nouns, n))
            return labelByMeaning(premise, hypothesis);
    for (int v : hypothesis.verbs())
        if (!contains(verbs, v))
            return labelByMeaning(premise, hypothesis);
    return NliLabel::Entailment;
}

} // namespace bs::zoo
