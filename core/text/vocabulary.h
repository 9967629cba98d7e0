#pragma once
// Vocabulary: the token <-> id table of a WordPiece vocab.txt (line number = id).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bs {

class Vocabulary {
public:
    // One token per line, the id is the line number from 0 (trailing whitespace and
    // "\r" are trimmed, as the tokenizers library does). A token on several lines maps
    // to its last line, like Hugging Face; see shadowedIds(). Throws bs::Error naming
    // the file for a missing or unreadable file and for an empty vocabulary.
    static Vocabulary fromFile(const std::filesystem::path& path);
    // `source` names the origin in error messages.
    static Vocabulary fromTokens(std::vector<std::string> tokens,
                                 const std::string& source = "vocabulary");

    std::optional<int64_t> find(std::string_view token) const;
    bool contains(std::string_view token) const { return find(token).has_value(); }
    // Throws bs::Error for an id outside [0, size()).
    const std::string& token(int64_t id) const;
    int64_t size() const { return static_cast<int64_t>(m_tokens.size()); }
    const std::string& source() const { return m_source; }
    // Ids whose token appears again on a later line: find() never returns them, but
    // token(id) still gives the line's text.
    const std::vector<int64_t>& shadowedIds() const { return m_duplicates; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::vector<std::string> m_tokens;
    std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> m_ids;
    std::string m_source;
    std::vector<int64_t> m_duplicates;
};

} // namespace bs
