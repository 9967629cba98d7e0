#include "core/data/row_filter.h"

#include "core/common/error.h"
#include "core/data/label_mapping.h"

#include <algorithm>

namespace bs {

RowFilter::RowFilter(const Filters& filters, const std::vector<std::string>& columns,
                     const std::string& source) {
    for (const auto& [name, values] : filters) {
        Key key;
        key.name = name;
        key.values = values;
        if (name == "gold_label" || name == "label") {
            key.label = true;
        } else {
            const auto it = std::find(columns.begin(), columns.end(), name);
            if (it == columns.end()) {
                std::string list;
                for (const std::string& c : columns)
                    list += (list.empty() ? "" : ", ") + c;
                throwFileError(source, "filter key '" + name +
                                           "' is not a column of this file; columns: " + list +
                                           " (and gold_label/label for the label)");
            }
            key.column = static_cast<size_t>(it - columns.begin());
        }
        m_keys.push_back(std::move(key));
    }
}

bool RowFilter::sameLabel(std::string_view a, std::string_view b) {
    return sameLabelName(a, b);
}

std::string RowFilter::describe() const {
    std::string out;
    for (const Key& key : m_keys) {
        out += (out.empty() ? "" : ", ") + key.name + "=";
        for (size_t i = 0; i < key.values.size(); ++i)
            out += (i > 0 ? "|" : "") + key.values[i];
    }
    return out;
}

void RowFilter::throwNoMatch(const std::string& source, int64_t rows) const {
    std::string message = "the filters " + describe() + " match none of the " +
                          std::to_string(rows) + " labelled rows";
    for (const Key& key : m_keys) {
        message += "; " + key.name + " has values ";
        size_t i = 0;
        for (const std::string& v : key.seen)
            message += (i++ > 0 ? ", '" : "'") + v + "'";
        if (key.seen.size() >= kRememberedValues)
            message += ", ...";
        if (key.seen.empty())
            message += "(none)";
    }
    throwFileError(source, message);
}

} // namespace bs
