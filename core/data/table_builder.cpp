#include "core/data/format_readers.h"

#include "core/common/error.h"
#include "core/data/text_source.h"

#include <algorithm>

namespace bs {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::string firstPresent(const std::vector<std::string>& columns,
                         const std::vector<std::string>& candidates) {
    for (const std::string& candidate : candidates)
        if (std::find(columns.begin(), columns.end(), candidate) != columns.end())
            return candidate;
    return {};
}

const std::vector<std::string>& defaultTextAColumns() {
    static const std::vector<std::string> names{"text_a",    "sentence1", "premise",
                                                "question1", "sentence",  "text"};
    return names;
}

const std::vector<std::string>& defaultTextBColumns() {
    static const std::vector<std::string> names{"text_b", "sentence2", "hypothesis", "question2"};
    return names;
}

const std::vector<std::string>& defaultLabelColumns() {
    static const std::vector<std::string> names{"label", "gold_label"};
    return names;
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string decodePythonBytesLiteral(std::string_view text) {
    // The PAWS-QQP script run under Python 3 writes str(bytes): b'...' (or b"..." when the
    // text holds a single quote), with \\, \', \t, \n, \r and \xhh escapes.
    if (text.size() < 3 || text[0] != 'b' || (text[1] != '\'' && text[1] != '"') ||
        text.back() != text[1])
        return std::string(text);
    const std::string_view inner = text.substr(2, text.size() - 3);
    std::string out;
    out.reserve(inner.size());
    for (size_t i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        if (c != '\\' || i + 1 >= inner.size()) {
            out += c;
            continue;
        }
        const char e = inner[++i];
        switch (e) {
        case '\\':
            out += '\\';
            break;
        case '\'':
            out += '\'';
            break;
        case '"':
            out += '"';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 'x':
            if (i + 2 < inner.size() && hexDigit(inner[i + 1]) >= 0 &&
                hexDigit(inner[i + 2]) >= 0) {
                out += static_cast<char>(hexDigit(inner[i + 1]) * 16 + hexDigit(inner[i + 2]));
                i += 2;
                break;
            }
            [[fallthrough]];
        default:
            out += '\\';
            out += e;
        }
    }
    return out;
}

TableBuilder::TableBuilder(const DatasetSpec& spec, TableLayout layout, LabelDecoder decoder,
                           Dataset& out)
    : m_source(spec.path.string())
    , m_layout(std::move(layout))
    , m_decoder(std::move(decoder))
    , m_filter(spec.filters, m_layout.columns, m_source)
    , m_out(out) {
    m_out.columns = m_layout.columns;
}

void TableBuilder::addRow(int64_t line, std::span<const std::string_view> cells) {
    const int64_t row = m_out.rowsInFile++;
    const std::string_view raw = cells[static_cast<size_t>(m_layout.label)];
    int64_t label = 0;
    try {
        label = m_decoder.decode(raw);
    } catch (const LabelValueError& e) {
        std::string message = std::string(e.what());
        if (m_out.format == "cola" && row == 0)
            message += " (CoLA files have no header row)";
        throw Error(m_source + " line " + std::to_string(line) + ", column '" +
                    m_layout.columns[static_cast<size_t>(m_layout.label)] + "': " + message);
    }
    if (label == LabelDecoder::kUnlabeled) {
        ++m_out.rowsUnlabeled;
        return;
    }
    const auto value = [&](size_t column) -> std::optional<std::string_view> {
        return cells[column];
    };
    if (!m_filter.matches(value, raw, m_decoder.name(label)))
        return;
    ++m_out.rowsAfterFilter;
    Example& example = m_out.examples.emplace_back();
    example.row = row;
    example.label = label;
    const auto text = [&](int column) {
        const std::string_view cell = cells[static_cast<size_t>(column)];
        return m_layout.decodeBytesLiterals ? decodePythonBytesLiteral(cell) : std::string(cell);
    };
    example.textA = text(m_layout.textA);
    if (m_layout.textB >= 0)
        example.textB = text(m_layout.textB);
    for (int column : m_layout.fields)
        example.fields.emplace(m_layout.columns[static_cast<size_t>(column)],
                               std::string(cells[static_cast<size_t>(column)]));
}

void TableBuilder::finish() {
    m_out.labelNames = m_decoder.names();
    if (!m_filter.empty() && m_out.rowsAfterFilter == 0)
        m_filter.throwNoMatch(m_source, m_out.rowsInFile - m_out.rowsUnlabeled);
}

} // namespace bs
