// CSV (RFC 4180) with a header row and a text_a/text_b/label column mapping.
#include "core/data/format_readers.h"

#include "core/common/error.h"
#include "core/data/text_source.h"

#include <algorithm>
#include <set>

namespace bs {

namespace {

// The column a mapping key names: given explicitly (must exist) or the first default present.
int resolveColumn(const std::vector<std::string>& columns, const std::string& given,
                  const std::vector<std::string>& defaults, const char* key, bool required,
                  const std::string& source, int64_t headerLine) {
    std::string name = given;
    if (name.empty())
        name = firstPresent(columns, defaults);
    if (name.empty()) {
        if (!required)
            return -1;
        throwLineError(source, headerLine,
                       std::string("no ") + key + " column: the header has none of " +
                           joinNames(defaults) + "; name it with " + key +
                           "=<column>; columns: " + joinNames(columns));
    }
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
        throwLineError(source, headerLine,
                       std::string(key) + "=" + name +
                           " is not a column; columns: " + joinNames(columns));
    return static_cast<int>(it - columns.begin());
}

} // namespace

Dataset readCsvDataset(const DatasetSpec& spec) {
    const std::string source = spec.path.string();
    const std::string text = readDataFile(spec.path);
    Dataset dataset;
    dataset.source = source;
    dataset.format = spec.format;

    CsvReader reader(text, source);
    std::vector<std::string> header;
    reader.next(header);
    std::set<std::string> seen;
    for (const std::string& name : header)
        if (!name.empty() && !seen.insert(name).second)
            throwLineError(source, 1, "header names column '" + name + "' twice");

    TableLayout layout;
    layout.columns = header;
    layout.textA =
        resolveColumn(header, spec.textAColumn, defaultTextAColumns(), "text_a", true, source, 1);
    std::vector<std::string> textBDefaults = defaultTextBColumns();
    std::erase(textBDefaults, header[static_cast<size_t>(layout.textA)]);
    layout.textB =
        resolveColumn(header, spec.textBColumn, textBDefaults, "text_b", false, source, 1);
    layout.label =
        resolveColumn(header, spec.labelColumn, defaultLabelColumns(), "label", true, source, 1);
    if (layout.textB == layout.textA || layout.label == layout.textA ||
        layout.label == layout.textB)
        throwFileError(source, "text_a, text_b and label must be different columns");
    for (int i = 0; i < static_cast<int>(header.size()); ++i)
        if (i != layout.textA && i != layout.textB && i != layout.label &&
            !header[static_cast<size_t>(i)].empty())
            layout.fields.push_back(i);

    const size_t width = header.size();
    TableBuilder builder(spec, std::move(layout),
                         spec.labelNames.empty() ? LabelDecoder::automatic()
                                                 : LabelDecoder::named(spec.labelNames),
                         dataset);
    std::vector<std::string> cells;
    std::vector<std::string_view> views;
    while (reader.next(cells)) {
        if (cells.size() != width)
            throwLineError(source, reader.recordLine(),
                           "expected " + std::to_string(width) +
                               " comma-separated columns (as in the header), found " +
                               std::to_string(cells.size()));
        views.assign(cells.begin(), cells.end());
        builder.addRow(reader.recordLine(), views);
    }
    if (dataset.rowsInFile == 0)
        throwFileError(source, "the file has a header but no data rows");
    builder.finish();
    return dataset;
}

} // namespace bs
