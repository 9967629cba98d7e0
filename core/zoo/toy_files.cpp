#include "core/zoo/toy_files.h"

#include "core/io/atomic_file.h"

namespace bs::zoo {

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
    if (!path.parent_path().empty())
        std::filesystem::create_directories(path.parent_path());
    AtomicFile out(path);
    out.write(text.data(), text.size());
    out.commit();
}

std::string colaSource(const ToySentence& s) {
    if (s.cue == Cue::None)
        return cueKindName(CueKind::Absent);
    return cueKindName(s.cueAgrees() ? CueKind::Agrees : CueKind::Conflicts);
}

void writeColaTsv(const std::filesystem::path& path, const std::vector<ToySentence>& sentences,
                  const Lexicon& lexicon) {
    std::string text;
    for (const ToySentence& s : sentences) {
        const bool ok = s.acceptable();
        text += colaSource(s) + "\t" + (ok ? "1" : "0") + "\t" + (ok ? "" : "*") + "\t" +
                renderSentence(s, lexicon) + "\n";
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
