#pragma once
// RowFilter: the DatasetSpec filters resolved against a file's columns.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bs {

class RowFilter {
public:
    using Filters = std::vector<std::pair<std::string, std::vector<std::string>>>;

    // Keys "gold_label" and "label" filter on the label; any other key must be one of
    // columns, else bs::Error "<source>: filter key 'x' is not a column; columns: ...".
    RowFilter(const Filters& filters, const std::vector<std::string>& columns,
              const std::string& source);

    bool empty() const { return m_keys.empty(); }

    // value(column) -> std::optional<std::string_view> (nullopt: the row lacks the column).
    // A label filter matches the label as written (rawLabel) or its canonical name
    // (compared with sameLabelName, so non_entailment == non-entailment).
    template <typename ValueFn>
    bool matches(ValueFn&& value, std::string_view rawLabel, std::string_view labelName) {
        // Every key is evaluated (no early exit) so that the no-match error can list values.
        bool all = true;
        for (Key& key : m_keys) {
            bool hit = false;
            if (key.label) {
                remember(key, labelName);
                for (size_t i = 0; i < key.values.size() && !hit; ++i)
                    hit = key.values[i] == rawLabel || sameLabel(key.values[i], labelName);
            } else {
                const std::optional<std::string_view> v = value(key.column);
                if (v)
                    remember(key, *v);
                for (size_t i = 0; v && i < key.values.size() && !hit; ++i)
                    hit = key.values[i] == *v;
            }
            all = all && hit;
        }
        return all;
    }

    // "heuristic=lexical_overlap, gold_label=non-entailment".
    std::string describe() const;
    // Throws bs::Error when no row matched, listing the values each key's column has.
    void throwNoMatch(const std::string& source, int64_t rows) const;

private:
    struct Key {
        std::string name;
        bool label = false;
        size_t column = 0;
        std::vector<std::string> values;
        std::set<std::string, std::less<>> seen; // first distinct values, for error messages
    };
    static constexpr size_t kRememberedValues = 12;
    static bool sameLabel(std::string_view a, std::string_view b);
    static void remember(Key& key, std::string_view value) {
        if (key.seen.size() < kRememberedValues && key.seen.find(value) == key.seen.end())
            key.seen.emplace(value);
    }
    std::vector<Key> m_keys;
};

} // namespace bs
