#include "core/text/wordpiece_tokenizer.h"

#include "core/common/error.h"
#include "core/text/truncation.h"

#include <algorithm>
#include <sstream>

namespace bs {

namespace {

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

int64_t requireToken(const Vocabulary& vocab, const std::string& token, const char* field) {
    if (auto id = vocab.find(token))
        return *id;
    std::ostringstream msg;
    msg << "the vocabulary has no " << field << " '" << token
        << "' (a BERT WordPiece vocabulary needs [CLS], [SEP] and [UNK]; set the token in "
           "tokenizer_config.json if this vocabulary names it differently)";
    throwFileError(vocab.source(), msg.str());
}

} // namespace

WordPieceTokenizer::WordPieceTokenizer(Vocabulary vocab, TokenizerOptions options)
    : m_vocab(std::move(vocab))
    , m_options(std::move(options))
    , m_basic(BasicTokenizerOptions{m_options.lowerCase,
                                    m_options.stripAccents.value_or(m_options.lowerCase),
                                    m_options.tokenizeChineseChars}) {
    if (m_options.maxInputCharsPerWord <= 0)
        throw Error("tokenizer option max_input_chars_per_word must be positive, found " +
                    std::to_string(m_options.maxInputCharsPerWord));
    m_unkId = requireToken(m_vocab, m_options.unkToken, "unk_token");
    m_clsId = requireToken(m_vocab, m_options.clsToken, "cls_token");
    m_sepId = requireToken(m_vocab, m_options.sepToken, "sep_token");
    if (auto id = m_vocab.find(m_options.padToken))
        m_padId = *id;
    for (int64_t id = 0; id < m_vocab.size(); ++id) {
        const std::string& t = m_vocab.token(id);
        if (t.starts_with("##"))
            m_longestSuffix = std::max(m_longestSuffix, t.size() - 2);
        else
            m_longestWord = std::max(m_longestWord, t.size());
    }
    for (const std::string* token : {&m_options.unkToken, &m_options.clsToken, &m_options.sepToken,
                                     &m_options.padToken, &m_options.maskToken}) {
        if (token->empty())
            continue;
        if (auto id = m_vocab.find(*token))
            m_specialTokens.emplace_back(*token, *id);
    }
}

WordPieceTokenizer WordPieceTokenizer::fromVocabFile(const std::filesystem::path& vocabFile,
                                                     TokenizerOptions options) {
    return WordPieceTokenizer(Vocabulary::fromFile(vocabFile), std::move(options));
}

int64_t WordPieceTokenizer::padId() const {
    if (m_padId < 0)
        throwFileError(m_vocab.source(),
                       "the vocabulary has no pad_token '" + m_options.padToken + "'");
    return m_padId;
}

int64_t WordPieceTokenizer::tokenId(std::string_view token) const {
    return m_vocab.find(token).value_or(m_unkId);
}

std::vector<std::string> WordPieceTokenizer::idsToTokens(std::span<const int64_t> ids) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (int64_t id : ids)
        tokens.push_back(m_vocab.token(id));
    return tokens;
}

void WordPieceTokenizer::wordPiece(std::string_view word, std::vector<int64_t>& ids) const {
    int64_t chars = 0;
    for (char c : word)
        chars += isContinuationByte(c) ? 0 : 1;
    if (chars > m_options.maxInputCharsPerWord) {
        ids.push_back(m_unkId);
        return;
    }
    const std::size_t mark = ids.size();
    std::string candidate;
    candidate.reserve(word.size() + 2);
    std::size_t start = 0;
    while (start < word.size()) {
        // Greedy longest match first; pieces after the first carry the "##" prefix.
        // Candidates longer than the longest vocabulary entry cannot match: skip them.
        const std::size_t longest = start == 0 ? m_longestWord : m_longestSuffix;
        std::size_t end = word.size();
        if (end - start > longest) {
            end = start + longest;
            while (end > start && isContinuationByte(word[end]))
                --end;
        }
        std::optional<int64_t> found;
        while (start < end) {
            if (start == 0) {
                found = m_vocab.find(word.substr(0, end));
            } else {
                candidate.assign("##");
                candidate.append(word.substr(start, end - start));
                found = m_vocab.find(candidate);
            }
            if (found)
                break;
            do {
                --end;
            } while (end > start && isContinuationByte(word[end]));
        }
        if (!found) {
            // One piece that cannot be matched makes the whole word unknown.
            ids.resize(mark);
            ids.push_back(m_unkId);
            return;
        }
        ids.push_back(*found);
        start = end;
    }
}

void WordPieceTokenizer::appendIds(std::string_view text, std::vector<int64_t>& ids) const {
    std::vector<std::string> words;
    auto addSegment = [&](std::string_view segment) {
        if (segment.empty())
            return;
        words.clear();
        m_basic.split(segment, words);
        for (const std::string& word : words)
            wordPiece(word, ids);
    };
    // Special tokens are cut out of the raw text first (leftmost, then longest match),
    // like the added-token matching of the tokenizers library.
    std::size_t segmentStart = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t bestLength = 0;
        int64_t bestId = -1;
        for (const auto& [special, id] : m_specialTokens) {
            if (special.size() > bestLength && text.substr(pos).starts_with(special)) {
                bestLength = special.size();
                bestId = id;
            }
        }
        if (bestLength == 0) {
            ++pos;
            continue;
        }
        addSegment(text.substr(segmentStart, pos - segmentStart));
        ids.push_back(bestId);
        pos += bestLength;
        segmentStart = pos;
    }
    addSegment(text.substr(segmentStart));
}

std::vector<std::string> WordPieceTokenizer::tokenize(std::string_view text) const {
    std::vector<int64_t> ids;
    appendIds(text, ids);
    return idsToTokens(ids);
}

Encoding WordPieceTokenizer::encode(std::string_view a, std::optional<std::string_view> b,
                                    int64_t maxLength) const {
    const bool pair = b.has_value() && !b->empty();
    std::vector<int64_t> first, second;
    appendIds(a, first);
    if (pair)
        appendIds(*b, second);
    if (maxLength < 0)
        throw Error("max_length must be 0 (no truncation) or positive, found " +
                    std::to_string(maxLength));
    if (maxLength > 0) {
        const int64_t specials = pair ? 3 : 2;
        if (maxLength < specials) {
            std::ostringstream msg;
            msg << "max_length " << maxLength << " leaves no room for the special tokens ("
                << (pair ? "[CLS] A [SEP] B [SEP] needs at least 3"
                         : "[CLS] A [SEP] needs at least 2")
                << ")";
            throw Error(msg.str());
        }
        const auto [keepFirst, keepSecond] = longestFirstLengths(
            first.size(), second.size(), static_cast<std::size_t>(maxLength - specials));
        first.resize(keepFirst);
        second.resize(keepSecond);
    }
    Encoding out;
    const std::size_t total = first.size() + second.size() + (pair ? 3 : 2);
    out.inputIds.reserve(total);
    out.tokenTypeIds.reserve(total);
    out.inputIds.push_back(m_clsId);
    out.inputIds.insert(out.inputIds.end(), first.begin(), first.end());
    out.inputIds.push_back(m_sepId);
    out.tokenTypeIds.assign(out.inputIds.size(), 0);
    if (pair) {
        out.inputIds.insert(out.inputIds.end(), second.begin(), second.end());
        out.inputIds.push_back(m_sepId);
        out.tokenTypeIds.resize(out.inputIds.size(), 1);
    }
    out.tokens = idsToTokens(out.inputIds);
    return out;
}

} // namespace bs
