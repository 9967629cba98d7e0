#include "core/zoo/toy_files.h"

#include "core/io/atomic_file.h"

#include <algorithm>

namespace bs::zoo {

namespace {

const char* hansLabel(const ToyPair& pair) {
    return labelByMeaning(pair.premise, pair.hypothesis) == NliLabel::Entailment ? "entailment"
                                                                                 : "non-entailment";
}

int caseNumber(DiagnosticCase c) {
    const auto& all = allDiagnosticCases();
    return static_cast<int>(std::find(all.begin(), all.end(), c) - all.begin()) + 1;
}

} // namespace

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
    if (!path.parent_path().empty())
        std::filesystem::create_directories(path.parent_path());
    AtomicFile out(path);
    out.write(text.data(), text.size());
    out.commit();
}

void writeMnliTsv(const std::filesystem::path& path, const std::vector<LabeledPair>& pairs,
                  const Lexicon& lexicon, bool devLayout) {
    std::string text = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\t"
                       "sentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\t"
                       "sentence2\tlabel1\t";
    text += devLayout ? "label2\tlabel3\tlabel4\tlabel5\tgold_label\n" : "gold_label\n";
    for (size_t i = 0; i < pairs.size(); ++i) {
        const ToyPair& p = pairs[i].pair;
        const std::string label = nliLabelName(pairs[i].label);
        const std::string id = "toy-" + std::to_string(i);
        text += std::to_string(i) + "\t" + id + "\t" + id + "\t" + pairKindName(p.kind) + "\t";
        text += binaryParse(p.premise, lexicon) + "\t" + binaryParse(p.hypothesis, lexicon) + "\t";
        text += parseTree(p.premise, lexicon) + "\t" + parseTree(p.hypothesis, lexicon) + "\t";
        text += renderSentence(p.premise, lexicon) + "\t" + renderSentence(p.hypothesis, lexicon);
        const int labelColumns = devLayout ? 6 : 2;
        for (int k = 0; k < labelColumns; ++k)
            text += "\t" + label;
        text += "\n";
    }
    writeTextFile(path, text);
}

void writeHansTxt(const std::filesystem::path& path, const std::vector<DiagnosticPair>& pairs,
                  const Lexicon& lexicon) {
    std::string text = "gold_label\tsentence1_binary_parse\tsentence2_binary_parse\t"
                       "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\tpairID\t"
                       "heuristic\tsubcase\ttemplate\n";
    for (size_t i = 0; i < pairs.size(); ++i) {
        const ToyPair& p = pairs[i].pair;
        const DiagnosticCase c = pairs[i].diagnosticCase;
        text += std::string(hansLabel(p)) + "\t";
        text += binaryParse(p.premise, lexicon) + "\t" + binaryParse(p.hypothesis, lexicon) + "\t";
        text += parseTree(p.premise, lexicon) + "\t" + parseTree(p.hypothesis, lexicon) + "\t";
        text += renderSentence(p.premise, lexicon) + "\t" + renderSentence(p.hypothesis, lexicon);
        text += "\tex" + std::to_string(i) + "\t" + diagnosticHeuristic(c) + "\t" +
                diagnosticSubcase(c) + "\ttemp" + std::to_string(caseNumber(c)) + "\n";
    }
    writeTextFile(path, text);
}

std::vector<std::string> vocabularyTokens(const Lexicon& lexicon) {
    std::vector<std::string> tokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    for (const std::string& w : lexicon.words())
        tokens.push_back(w);
    return tokens;
}

void writeVocabulary(const std::filesystem::path& path, const Lexicon& lexicon) {
    std::string text;
    for (const std::string& t : vocabularyTokens(lexicon))
        text += t + "\n";
    writeTextFile(path, text);
}

void writeTokenizerConfig(const std::filesystem::path& path) {
    writeTextFile(path,
                  "{\n  \"do_lower_case\": true,\n  \"tokenizer_class\": \"BertTokenizer\"\n}\n");
}

} // namespace bs::zoo
