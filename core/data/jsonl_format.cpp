// JSON Lines: one object per line, text (column mapping) or pre-tokenized (input_ids).
#include "core/data/format_readers.h"

#include "core/common/error.h"
#include "core/data/text_source.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace bs {

namespace {

// A std::map-backed json, so that a record with many keys parses in O(K log K);
// ordered_json looks every key up linearly, which made a 100k-key line take minutes.
// The file order of the keys (Dataset::columns) is kept separately in Record::keys.
using json = nlohmann::json;

// Deeper values are refused while parsing: nothing a dataset needs nests this far, and
// serialising an unused key (Example::fields) recurses once per level.
constexpr int kMaxNesting = 64;

struct Record {
    int64_t line = 0;
    json object;
    std::vector<std::string> keys; // top-level keys in file order
};

const char* typeName(const json& value) {
    return value.type_name();
}

// A value as written, cut short so that a huge value cannot flood the message.
std::string shortDump(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "syntax error ...".
std::string parseReason(const json::parse_error& e) {
    const std::string what = e.what();
    const size_t column = what.find(", column ");
    const size_t colon = column == std::string::npos ? what.find("] ") : what.find(": ", column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> "number overflow ...".
std::string messageOf(const json::exception& e) {
    const std::string what = e.what();
    const size_t end = what.find("] ");
    return end == std::string::npos ? what : what.substr(end + 2);
}

std::string keyName(const std::string& key, const char* role) {
    return "key '" + key + "' (" + role + ")";
}

std::vector<int64_t> integerArray(const Record& record, const std::string& key,
                                  const std::string& source) {
    const json& value = record.object.at(key);
    if (!value.is_array())
        throwLineError(source, record.line,
                       "key '" + key + "' must be an array of integers, found " + typeName(value));
    std::vector<int64_t> out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        const json& item = value[i];
        if (!item.is_number_integer() ||
            (item.is_number_unsigned() &&
             item.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max())) ||
            item.get<int64_t>() < 0)
            throwLineError(source, record.line,
                           "key '" + key + "' item " + std::to_string(i) +
                               " must be a non-negative integer, found " + shortDump(item));
        out.push_back(item.get<int64_t>());
    }
    return out;
}

// Parses one line into a Record. The parser callback sees every value before it is
// stored, so nesting and repeated keys are refused without building the value.
Record parseRecord(std::string_view line, int64_t lineNumber, const std::string& source) {
    Record record;
    record.line = lineNumber;
    std::unordered_set<std::string> seen;
    const json::parser_callback_t check = [&](int depth, json::parse_event_t event, json& parsed) {
        if ((event == json::parse_event_t::object_start ||
             event == json::parse_event_t::array_start) &&
            depth >= kMaxNesting)
            throwLineError(source, lineNumber,
                           "a value is nested more than " + std::to_string(kMaxNesting) +
                               " levels deep (objects and arrays inside one another); "
                               "dataset records are flat");
        if (event == json::parse_event_t::key && depth == 1) {
            std::string key = parsed.get<std::string>();
            if (!seen.insert(key).second)
                throwLineError(source, lineNumber,
                               "key '" + key +
                                   "' appears twice in the record; which value is meant is "
                                   "unclear, so remove one of them");
            record.keys.push_back(std::move(key));
        }
        return true;
    };
    try {
        record.object = json::parse(line.begin(), line.end(), check);
    } catch (const json::parse_error& e) {
        throwLineColumnError(source, lineNumber, static_cast<int64_t>(e.byte),
                             "invalid JSON: " + parseReason(e));
    } catch (const json::exception& e) {
        // Not a syntax error but a value the parser cannot hold, e.g. 1e400 (out_of_range).
        throwLineError(source, lineNumber, "invalid JSON: " + messageOf(e));
    }
    if (!record.object.is_object())
        throwLineError(source, lineNumber,
                       std::string("expected one JSON object per line, found ") +
                           typeName(record.object));
    return record;
}

} // namespace

Dataset readJsonlDataset(const DatasetSpec& spec) {
    const std::string source = spec.path.string();
    const std::string text = readDataFile(spec.path);
    Dataset dataset;
    dataset.source = source;
    dataset.format = spec.format;

    // First pass: parse every line and collect the keys (the "columns") in first-seen order.
    std::vector<Record> records;
    std::vector<std::string>& columns = dataset.columns;
    std::unordered_set<std::string> knownColumns;
    LineCursor cursor(text);
    std::string_view line;
    while (cursor.next(line)) {
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue; // blank lines hold no record
        Record record = parseRecord(line, cursor.lineNumber(), source);
        for (const std::string& key : record.keys)
            if (knownColumns.insert(key).second)
                columns.push_back(key);
        records.push_back(std::move(record));
    }
    if (records.empty())
        throwFileError(source, "dataset file has no JSON records");

    const bool pretokenized =
        spec.textAColumn.empty() && records.front().object.contains("input_ids");
    dataset.pretokenized = pretokenized;
    if (pretokenized && !spec.textBColumn.empty())
        throwFileError(source, "text_b=" + spec.textBColumn +
                                   " given, but the records are pre-tokenized (input_ids); give "
                                   "text_a= too to read text, or leave text_b out");
    std::string textA, textB;
    if (!pretokenized) {
        textA = spec.textAColumn.empty() ? firstPresent(columns, defaultTextAColumns())
                                         : spec.textAColumn;
        if (textA.empty())
            throwFileError(
                source,
                "no text_a key: the records have none of " + joinNames(defaultTextAColumns()) +
                    " nor input_ids; name it with text_a=<key>; keys: " + joinNames(columns));
        textB = spec.textBColumn;
        if (textB.empty()) {
            std::vector<std::string> defaults = defaultTextBColumns();
            std::erase(defaults, textA);
            textB = firstPresent(columns, defaults);
        }
    }
    std::string labelKey =
        spec.labelColumn.empty() ? firstPresent(columns, defaultLabelColumns()) : spec.labelColumn;
    if (labelKey.empty())
        throwFileError(source, "no label key: the records have none of " +
                                   joinNames(defaultLabelColumns()) +
                                   "; name it with label=<key>; keys: " + joinNames(columns));
    if (labelKey == textA || (!textB.empty() && (labelKey == textB || textA == textB)))
        throwFileError(source, "text_a, text_b and label must be different keys");

    const std::vector<std::string> mapped =
        pretokenized
            ? std::vector<std::string>{"input_ids", "token_type_ids", "attention_mask", labelKey}
            : std::vector<std::string>{textA, textB, labelKey};
    LabelDecoder decoder =
        spec.labelNames.empty() ? LabelDecoder::automatic() : LabelDecoder::named(spec.labelNames);
    RowFilter filter(spec.filters, columns, source);
    std::string scratch;
    for (Record& record : records) {
        const int64_t row = dataset.rowsInFile++;
        const json& object = record.object;
        const auto require = [&](const std::string& key, const char* role) -> const json& {
            const auto it = object.find(key);
            if (it == object.end())
                throwLineError(source, record.line,
                               "record has no " + keyName(key, role) +
                                   "; keys: " + joinNames(record.keys));
            return *it;
        };
        const json& labelValue = require(labelKey, "label");
        std::string raw;
        if (labelValue.is_string())
            raw = labelValue.get<std::string>();
        else if (labelValue.is_number_integer())
            raw = labelValue.dump();
        else
            throwLineError(source, record.line,
                           keyName(labelKey, "label") + " must be a string or an integer, found " +
                               shortDump(labelValue));
        int64_t label = 0;
        try {
            label = decoder.decode(raw);
        } catch (const LabelValueError& e) {
            throwLineError(source, record.line, keyName(labelKey, "label") + ": " + e.what());
        }

        Example example;
        example.row = row;
        example.label = label;
        if (pretokenized) {
            require("input_ids", "pre-tokenized ids");
            example.inputIds = integerArray(record, "input_ids", source);
            if (example.inputIds.empty())
                throwLineError(source, record.line, "key 'input_ids' is empty");
            for (const char* key : {"token_type_ids", "attention_mask"}) {
                if (!object.contains(key))
                    continue;
                std::vector<int64_t> values = integerArray(record, key, source);
                if (values.size() != example.inputIds.size())
                    throwLineError(source, record.line,
                                   std::string("key '") + key + "' has " +
                                       std::to_string(values.size()) + " items but input_ids has " +
                                       std::to_string(example.inputIds.size()));
                if (std::string_view(key) == "attention_mask") {
                    if (std::count(values.begin(), values.end(), 0) > 0)
                        throwLineError(source, record.line,
                                       "attention_mask has zeros: pre-tokenized rows must not be "
                                       "padded (batches are padded when evaluated); remove the "
                                       "padding and the attention_mask");
                    // The mask is not kept (batches make their own), so any other value
                    // would be dropped silently.
                    const auto bad = std::find_if(values.begin(), values.end(),
                                                  [](int64_t v) { return v != 1; });
                    if (bad != values.end())
                        throwLineError(source, record.line,
                                       "key 'attention_mask' item " +
                                           std::to_string(bad - values.begin()) + " is " +
                                           std::to_string(*bad) +
                                           "; a mask holds 1 for every token (or 0 for padding, "
                                           "which pre-tokenized rows must not have)");
                } else {
                    example.tokenTypeIds = std::move(values);
                }
            }
        } else {
            const auto textOf = [&](const std::string& key, const char* role) {
                const json& value = require(key, role);
                if (!value.is_string())
                    throwLineError(source, record.line,
                                   keyName(key, role) + " must be a string, found " +
                                       typeName(value));
                return value.get<std::string>();
            };
            example.textA = textOf(textA, "text_a");
            if (!textB.empty())
                example.textB = textOf(textB, "text_b");
        }

        const auto value = [&](size_t column) -> std::optional<std::string_view> {
            const auto it = object.find(columns[column]);
            if (it == object.end())
                return std::nullopt;
            if (it->is_string())
                return std::string_view(it->get_ref<const std::string&>());
            scratch = it->dump();
            return std::string_view(scratch);
        };
        if (!filter.matches(value, raw, decoder.name(label)))
            continue;
        for (const auto& item : object.items()) {
            if (std::find(mapped.begin(), mapped.end(), item.key()) != mapped.end())
                continue;
            example.fields.emplace(item.key(), item.value().is_string()
                                                   ? item.value().get<std::string>()
                                                   : item.value().dump());
        }
        ++dataset.rowsAfterFilter;
        dataset.examples.push_back(std::move(example));
    }
    dataset.labelNames = decoder.names();
    if (!filter.empty() && dataset.rowsAfterFilter == 0)
        filter.throwNoMatch(source, dataset.rowsInFile);
    return dataset;
}

} // namespace bs
