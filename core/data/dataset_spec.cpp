#include "core/data/dataset_spec.h"

#include "core/common/error.h"
#include "core/data/label_mapping.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace bs {

namespace {

const char* const kFormatList = "mnli, qqp, cola, hans, paws, jsonl, csv";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

[[noreturn]] void specError(std::string_view text, const std::string& message) {
    throw Error("dataset spec '" + std::string(text) + "': " + message);
}

// Splits at every unescaped separator and removes the escapes of the special characters.
std::vector<std::string> splitEscaped(std::string_view text, char separator) {
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            parts.back() += text[++i];
        } else if (c == separator) {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

std::string unescape(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size())
            ++i;
        out += text[i];
    }
    return out;
}

// Like splitEscaped, but keeps the escapes (options are split before their values are).
std::vector<std::string_view> splitKeepingEscapes(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string escapeValue(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == ',' || c == '|' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

std::string joinEscaped(const std::vector<std::string>& values) {
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += '|';
        out += escapeValue(values[i]);
    }
    return out;
}

template <typename T> bool parseInteger(std::string_view text, T& value) {
    if (text.empty())
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

bool isLabelFilterKey(std::string_view key) {
    return key == "label" || key == "gold_label";
}

} // namespace

const std::vector<std::string>& datasetFormats() {
    static const std::vector<std::string> formats{"mnli", "qqp",   "cola", "hans",
                                                  "paws", "jsonl", "csv"};
    return formats;
}

bool isMappedFormat(std::string_view format) {
    return format == "jsonl" || format == "csv";
}

DatasetSpec parseDatasetSpec(std::string_view text) {
    DatasetSpec spec;
    // The file part ends at the first ":FORMAT" that is followed by ':' or the end, so paths
    // may contain ':' (e.g. C:\data) as long as no component is ":mnli:" or the like.
    size_t formatStart = std::string_view::npos;
    size_t formatEnd = 0;
    for (size_t p = 1; p < text.size() && formatStart == std::string_view::npos; ++p) {
        if (text[p] != ':')
            continue;
        for (const std::string& format : datasetFormats()) {
            const std::string_view rest = text.substr(p + 1);
            if (rest.size() >= format.size() && lower(rest.substr(0, format.size())) == format &&
                (rest.size() == format.size() || rest[format.size()] == ':')) {
                formatStart = p + 1;
                formatEnd = p + 1 + format.size();
                spec.format = format;
                break;
            }
        }
    }
    if (formatStart == std::string_view::npos)
        specError(text, std::string("expected FILE:FORMAT[:key=value,...] with FORMAT one of ") +
                            kFormatList);
    spec.path = std::filesystem::path(std::string(text.substr(0, formatStart - 1)));
    if (formatEnd == text.size())
        return spec;

    const std::string_view options = text.substr(formatEnd + 1);
    if (options.empty())
        specError(text, "nothing after the last ':'; expected key=value options or no ':'");
    const bool mapped = isMappedFormat(spec.format);
    std::set<std::string> seen;
    for (std::string_view option : splitKeepingEscapes(options, ',')) {
        const size_t eq = option.find('=');
        if (option.empty())
            specError(text, "empty option (two commas in a row or a trailing comma)");
        if (eq == std::string_view::npos || eq == 0)
            specError(text, "option '" + std::string(option) + "' is not key=value");
        const std::string key(option.substr(0, eq));
        const std::string_view rawValue = option.substr(eq + 1);
        if (!seen.insert(key).second)
            specError(text,
                      "key '" + key + "' is given twice; write alternatives as " + key + "=a|b");
        const bool mappingKey = key == "text_a" || key == "text_b" || (key == "label" && mapped);
        if (mappingKey || key == "labels") {
            if (!mapped)
                specError(text, "'" + key + "' applies to jsonl and csv only; " + spec.format +
                                    " has a fixed column layout" +
                                    (key == "labels" ? " and fixed label names" : ""));
            if (key == "labels") {
                spec.labelNames = splitEscaped(rawValue, '|');
            } else {
                std::string& column = key == "text_a"   ? spec.textAColumn
                                      : key == "text_b" ? spec.textBColumn
                                                        : spec.labelColumn;
                column = unescape(rawValue);
                if (column.empty())
                    specError(text, "'" + key + "=' needs a column name");
            }
        } else if (key == "samples") {
            if (!parseInteger(rawValue, spec.samples) || spec.samples < 0)
                specError(text, "samples must be a non-negative integer (0 = all rows), found '" +
                                    std::string(rawValue) + "'");
        } else if (key == "sampling") {
            if (rawValue == "first")
                spec.sampling = DatasetSpec::Sampling::First;
            else if (rawValue == "random")
                spec.sampling = DatasetSpec::Sampling::Random;
            else
                specError(text, "sampling must be 'first' or 'random', found '" +
                                    std::string(rawValue) + "'");
        } else if (key == "seed") {
            if (!parseInteger(rawValue, spec.seed))
                specError(text, "seed must be a non-negative integer below 2^64, found '" +
                                    std::string(rawValue) + "'");
        } else {
            spec.filters.emplace_back(key, splitEscaped(rawValue, '|'));
        }
    }
    validateDatasetSpec(spec);
    return spec;
}

std::string formatDatasetSpec(const DatasetSpec& spec) {
    std::vector<std::string> options;
    const bool mapped = isMappedFormat(spec.format);
    for (const auto& [key, values] : spec.filters) {
        // On jsonl/csv "label=" names the label column, so a label filter is written with
        // the other label key.
        const std::string written = (mapped && key == "label") ? "gold_label" : key;
        options.push_back(written + "=" + joinEscaped(values));
    }
    if (!spec.textAColumn.empty())
        options.push_back("text_a=" + escapeValue(spec.textAColumn));
    if (!spec.textBColumn.empty())
        options.push_back("text_b=" + escapeValue(spec.textBColumn));
    if (!spec.labelColumn.empty())
        options.push_back("label=" + escapeValue(spec.labelColumn));
    if (!spec.labelNames.empty())
        options.push_back("labels=" + joinEscaped(spec.labelNames));
    if (spec.samples != 0)
        options.push_back("samples=" + std::to_string(spec.samples));
    if (spec.sampling == DatasetSpec::Sampling::Random)
        options.push_back("sampling=random");
    if (spec.seed != 0)
        options.push_back("seed=" + std::to_string(spec.seed));

    std::string out = spec.path.string() + ":" + spec.format;
    for (size_t i = 0; i < options.size(); ++i)
        out += (i == 0 ? ":" : ",") + options[i];
    return out;
}

void validateDatasetSpec(const DatasetSpec& spec) {
    const std::string where = "dataset " + spec.path.string() + ": ";
    const auto& formats = datasetFormats();
    if (std::find(formats.begin(), formats.end(), spec.format) == formats.end())
        throw Error(where + "unknown format '" + spec.format + "'; expected one of " + kFormatList);
    if (spec.path.empty())
        throw Error("dataset spec has no file path");
    if (!isMappedFormat(spec.format)) {
        if (!spec.textAColumn.empty() || !spec.textBColumn.empty() || !spec.labelColumn.empty())
            throw Error(where +
                        "text_a/text_b/label column mappings apply to jsonl and csv only; " +
                        spec.format + " has a fixed column layout");
        if (!spec.labelNames.empty())
            throw Error(where + "labels= applies to jsonl and csv only; " + spec.format +
                        " has fixed label names");
    }
    if (spec.samples < 0)
        throw Error(where + "samples must be >= 0 (0 = all rows), found " +
                    std::to_string(spec.samples));
    std::set<std::string> keys;
    for (const auto& [key, values] : spec.filters) {
        if (key.empty())
            throw Error(where + "a filter has an empty key");
        if (values.empty())
            throw Error(where + "filter '" + key + "' has no values");
        if (!keys.insert(isLabelFilterKey(key) ? "gold_label" : key).second)
            throw Error(where + "filter '" + key +
                        "' is given twice (label and gold_label are the same key); put the "
                        "alternatives in one filter");
    }
    for (size_t i = 0; i < spec.labelNames.size(); ++i) {
        if (spec.labelNames[i].empty())
            throw Error(where + "labels= contains an empty name");
        for (size_t j = 0; j < i; ++j)
            if (sameLabelName(spec.labelNames[i], spec.labelNames[j]))
                throw Error(where + "labels= names '" + spec.labelNames[j] + "' and '" +
                            spec.labelNames[i] +
                            "', the same name once case, '-', '_' and spaces are ignored");
    }
}

} // namespace bs
