#include "core/text/vocabulary.h"

#include "core/common/error.h"

#include <fstream>
#include <sstream>

namespace bs {

Vocabulary Vocabulary::fromFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throwFileError(path.string(), "vocabulary file not found (expected a WordPiece vocab.txt, "
                                      "one token per line)");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throwFileError(path.string(), "cannot open the vocabulary file for reading");
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
        // Trim trailing whitespace (also the "\r" of CRLF files) like tokenizers' read_file.
        std::size_t end = line.size();
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r' ||
                           line[end - 1] == '\v' || line[end - 1] == '\f'))
            --end;
        line.resize(end);
        tokens.push_back(line);
    }
    if (in.bad())
        throwFileError(path.string(), "read error in the vocabulary file");
    return fromTokens(std::move(tokens), path.string());
}

Vocabulary Vocabulary::fromTokens(std::vector<std::string> tokens, const std::string& source) {
    if (tokens.empty())
        throwFileError(source, "the vocabulary is empty (expected one token per line)");
    Vocabulary vocab;
    vocab.m_source = source;
    vocab.m_ids.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        auto [it, inserted] = vocab.m_ids.emplace(tokens[i], static_cast<int64_t>(i));
        if (!inserted) {
            // The later line wins, as in transformers (an OrderedDict) and the tokenizers
            // library (a HashMap filled line by line); real vocabularies, including the
            // reference fixture's, repeat a few tokens.
            vocab.m_duplicates.push_back(it->second);
            it->second = static_cast<int64_t>(i);
        }
    }
    vocab.m_tokens = std::move(tokens);
    return vocab;
}

std::optional<int64_t> Vocabulary::find(std::string_view token) const {
    auto it = m_ids.find(token);
    if (it == m_ids.end())
        return std::nullopt;
    return it->second;
}

const std::string& Vocabulary::token(int64_t id) const {
    if (id < 0 || id >= size()) {
        std::ostringstream msg;
        msg << "token id " << id << " is outside the vocabulary (0.." << size() - 1 << ")";
        throwFileError(m_source, msg.str());
    }
    return m_tokens[static_cast<std::size_t>(id)];
}

} // namespace bs
