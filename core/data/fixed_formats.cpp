// The public GLUE/HANS/PAWS files: fixed layouts, tab-separated, quoting off.
#include "core/data/format_readers.h"

#include "core/common/error.h"
#include "core/common/metric.h"
#include "core/data/text_source.h"

#include <algorithm>
#include <map>

namespace bs {

namespace {

struct FixedFormat {
    bool hasHeader = true;
    // The public file's header (or, headerless, the names given to its columns).
    std::vector<std::string> columns;
    std::string textA, textB, label;
    std::vector<std::string> fields; // kept in Example::fields when the file has them
    std::vector<std::string> rawLabels, labelNames;
    std::string unlabeledValue;
    std::string primaryMetric = metricId(Metric::Accuracy);
    bool decodeBytesLiterals = false;
};

FixedFormat fixedFormat(const std::string& format) {
    FixedFormat f;
    if (format == "mnli") {
        f.columns = {"index",
                     "promptID",
                     "pairID",
                     "genre",
                     "sentence1_binary_parse",
                     "sentence2_binary_parse",
                     "sentence1_parse",
                     "sentence2_parse",
                     "sentence1",
                     "sentence2",
                     "label1",
                     "label2",
                     "label3",
                     "label4",
                     "label5",
                     "gold_label"};
        f.textA = "sentence1";
        f.textB = "sentence2";
        f.label = "gold_label";
        f.fields = {"promptID", "pairID", "genre"};
        f.rawLabels = f.labelNames = {"entailment", "neutral", "contradiction"};
        f.unlabeledValue = "-";
    } else if (format == "qqp") {
        f.columns = {"id", "qid1", "qid2", "question1", "question2", "is_duplicate"};
        f.textA = "question1";
        f.textB = "question2";
        f.label = "is_duplicate";
        f.fields = {"id", "qid1", "qid2"};
        f.rawLabels = {"0", "1"};
        f.labelNames = {"not_duplicate", "duplicate"};
        f.primaryMetric = metricId(Metric::F1);
    } else if (format == "cola") {
        f.hasHeader = false;
        f.columns = {"source", "label", "original_mark", "sentence"};
        f.textA = "sentence";
        f.label = "label";
        f.fields = {"source", "original_mark"};
        f.rawLabels = {"0", "1"};
        f.labelNames = {"unacceptable", "acceptable"};
        f.primaryMetric = metricId(Metric::Mcc);
    } else if (format == "hans") {
        f.columns = {"gold_label",
                     "sentence1_binary_parse",
                     "sentence2_binary_parse",
                     "sentence1_parse",
                     "sentence2_parse",
                     "sentence1",
                     "sentence2",
                     "pairID",
                     "heuristic",
                     "subcase",
                     "template"};
        f.textA = "sentence1";
        f.textB = "sentence2";
        f.label = "gold_label";
        f.fields = {"pairID", "heuristic", "subcase", "template"};
        f.rawLabels = f.labelNames = {"entailment", "non-entailment"};
    } else if (format == "paws") {
        f.columns = {"id", "sentence1", "sentence2", "label"};
        f.textA = "sentence1";
        f.textB = "sentence2";
        f.label = "label";
        f.fields = {"id"};
        f.rawLabels = {"0", "1"};
        // The QQP names, so that QQP models map onto PAWS-QQP by name.
        f.labelNames = {"not_duplicate", "duplicate"};
        f.decodeBytesLiterals = true;
    } else {
        throw Error("internal: no fixed layout for format '" + format + "'");
    }
    return f;
}

// Column layout from the header line: columns found by name.
TableLayout layoutFromHeader(const FixedFormat& f, const std::string& source,
                             std::vector<std::string> header) {
    std::map<std::string, int> index;
    for (size_t i = 0; i < header.size(); ++i)
        if (!index.emplace(header[i], static_cast<int>(i)).second)
            throwLineError(source, 1, "header names column '" + header[i] + "' twice");
    std::vector<std::string> missing;
    for (const std::string* name : {&f.textA, &f.textB, &f.label})
        if (!name->empty() && !index.count(*name))
            missing.push_back(*name);
    if (!missing.empty())
        throwLineError(source, 1,
                       "header lacks column(s) " + joinNames(missing) +
                           "; expected a tab-separated header with the columns " +
                           joinNames(f.columns) + "; found " + joinNames(header));
    TableLayout layout;
    layout.columns = std::move(header);
    layout.textA = index.at(f.textA);
    layout.textB = f.textB.empty() ? -1 : index.at(f.textB);
    layout.label = index.at(f.label);
    for (const std::string& field : f.fields)
        if (auto it = index.find(field); it != index.end())
            layout.fields.push_back(it->second);
    layout.decodeBytesLiterals = f.decodeBytesLiterals;
    return layout;
}

} // namespace

Dataset readFixedFormat(const DatasetSpec& spec) {
    const FixedFormat f = fixedFormat(spec.format);
    const std::string source = spec.path.string();
    const std::string text = readDataFile(spec.path);

    Dataset dataset;
    dataset.source = source;
    dataset.format = spec.format;
    dataset.primaryMetric = f.primaryMetric;
    dataset.positiveLabel = 1;

    LineCursor cursor(text);
    std::string_view line;
    std::vector<std::string_view> cells;
    TableLayout layout;
    if (f.hasHeader) {
        cursor.next(line);
        splitTabs(line, cells);
        layout = layoutFromHeader(f, source, std::vector<std::string>(cells.begin(), cells.end()));
    } else {
        layout.columns = f.columns;
        const auto at = [&](const std::string& name) {
            return static_cast<int>(std::find(f.columns.begin(), f.columns.end(), name) -
                                    f.columns.begin());
        };
        layout.textA = at(f.textA);
        layout.label = at(f.label);
        for (const std::string& field : f.fields)
            layout.fields.push_back(at(field));
    }
    const size_t width = layout.columns.size();
    TableBuilder builder(spec, std::move(layout),
                         LabelDecoder::fixed(f.rawLabels, f.labelNames, f.unlabeledValue), dataset);
    while (cursor.next(line)) {
        if (line.empty()) {
            if (cursor.onlyBlankLinesLeft())
                break;
            throwLineError(source, cursor.lineNumber(),
                           "blank line; expected " + std::to_string(width) +
                               " tab-separated columns");
        }
        splitTabs(line, cells);
        if (cells.size() != width)
            throwLineError(source, cursor.lineNumber(),
                           "expected " + std::to_string(width) + " tab-separated columns" +
                               (f.hasHeader ? std::string(" (as in the header)")
                                            : " (" + joinNames(f.columns) + ")") +
                               ", found " + std::to_string(cells.size()));
        builder.addRow(cursor.lineNumber(), cells);
    }
    if (dataset.rowsInFile == 0)
        throwFileError(source, "the file has a header but no data rows");
    builder.finish();
    return dataset;
}

} // namespace bs
