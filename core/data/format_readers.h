#pragma once
// Internal to core/data: the per-format readers behind loadDataset, and the row builder that
// the tabular ones share. Readers fill every Dataset field except the sampling.

#include "core/data/dataset_spec.h"
#include "core/data/example.h"
#include "core/data/label_decoder.h"
#include "core/data/row_filter.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

Dataset readFixedFormat(const DatasetSpec& spec); // mnli qqp cola hans paws
Dataset readCsvDataset(const DatasetSpec& spec);
Dataset readJsonlDataset(const DatasetSpec& spec);

// Where the parts of an Example live in a table's columns.
struct TableLayout {
    std::vector<std::string> columns;
    int textA = -1;
    int textB = -1; // -1: single-text task
    int label = -1;
    std::vector<int> fields;          // columns copied into Example::fields
    bool decodeBytesLiterals = false; // PAWS-QQP text written as Python b'...' literals
};

// Turns table rows (cells already split and counted) into filtered Examples.
class TableBuilder {
public:
    TableBuilder(const DatasetSpec& spec, TableLayout layout, LabelDecoder decoder, Dataset& out);
    void addRow(int64_t line, std::span<const std::string_view> cells);
    // Sets the label names; throws when the filters matched no row.
    void finish();

private:
    std::string m_source;
    TableLayout m_layout;
    LabelDecoder m_decoder;
    RowFilter m_filter;
    Dataset& m_out;
};

// The first of `candidates` that `columns` has, or "".
std::string firstPresent(const std::vector<std::string>& columns,
                         const std::vector<std::string>& candidates);

// Default column names tried, in order, when text_a/text_b/label are not given.
const std::vector<std::string>& defaultTextAColumns();
const std::vector<std::string>& defaultTextBColumns();
const std::vector<std::string>& defaultLabelColumns();

// "a, b, c".
std::string joinNames(const std::vector<std::string>& names);

// b'It\'s' -> It's. Returns the text unchanged unless it is a whole Python bytes literal.
std::string decodePythonBytesLiteral(std::string_view text);

} // namespace bs
