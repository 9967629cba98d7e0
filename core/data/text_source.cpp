#include "core/data/text_source.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

namespace bs {

std::string readDataFile(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throwFileError(name, "cannot read dataset: no such file");
    if (std::filesystem::is_directory(status))
        throwFileError(name, "cannot read dataset: this is a directory, expected a file");
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(name.c_str(), "rb"), &std::fclose);
    if (!file)
        throwFileError(name, std::string("cannot open dataset: ") + std::strerror(errno));
    std::string text;
    char buffer[1 << 16];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
        text.append(buffer, n);
    if (std::ferror(file.get()))
        throwFileError(name, std::string("error while reading dataset: ") + std::strerror(errno));
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throwFileError(name, "dataset file is empty");
    return text;
}

void throwLineError(const std::string& source, int64_t line, const std::string& message) {
    throw Error(source + " line " + std::to_string(line) + ": " + message);
}

void throwLineColumnError(const std::string& source, int64_t line, int64_t column,
                          const std::string& message) {
    throw Error(source + " line " + std::to_string(line) + ", column " + std::to_string(column) +
                ": " + message);
}

bool LineCursor::next(std::string_view& line) {
    if (m_pos >= m_text.size())
        return false;
    size_t end = m_text.find('\n', m_pos);
    const size_t next = end == std::string_view::npos ? m_text.size() : end + 1;
    if (end == std::string_view::npos)
        end = m_text.size();
    if (end > m_pos && m_text[end - 1] == '\r')
        --end;
    line = m_text.substr(m_pos, end - m_pos);
    m_pos = next;
    ++m_line;
    return true;
}

bool LineCursor::onlyBlankLinesLeft() const {
    return m_text.find_first_not_of(" \r\n", m_pos) == std::string_view::npos;
}

void splitTabs(std::string_view line, std::vector<std::string_view>& cells) {
    cells.clear();
    size_t start = 0;
    while (true) {
        const size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            cells.push_back(line.substr(start));
            return;
        }
        cells.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

bool CsvReader::next(std::vector<std::string>& cells) {
    cells.clear();
    if (m_pos >= m_text.size())
        return false;
    const auto column = [&](size_t pos) {
        return static_cast<int64_t>(pos - m_lineStart + 1);
    };
    const auto newLine = [&](size_t afterBreak) {
        ++m_line;
        m_lineStart = afterBreak;
    };
    // A blank line is not a record: fine at the end of the file, an error elsewhere.
    if (m_text[m_pos] == '\n' || m_text.substr(m_pos, 2) == "\r\n") {
        if (m_text.find_first_not_of(" \r\n", m_pos) == std::string_view::npos) {
            m_pos = m_text.size();
            return false;
        }
        throwLineError(m_source, m_line, "blank line inside the CSV data");
    }
    m_recordLine = m_line;
    std::string cell;
    while (true) {
        cell.clear();
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            const int64_t quoteLine = m_line;
            const int64_t quoteColumn = column(m_pos);
            ++m_pos;
            while (true) {
                if (m_pos >= m_text.size())
                    throwLineColumnError(m_source, quoteLine, quoteColumn,
                                         "quoted field is not closed before the end of the file");
                const char c = m_text[m_pos];
                if (c == '"') {
                    if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                        cell += '"';
                        m_pos += 2;
                        continue;
                    }
                    ++m_pos;
                    break;
                }
                cell += c;
                ++m_pos;
                if (c == '\n')
                    newLine(m_pos);
            }
            if (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\n' &&
                m_text.substr(m_pos, 2) != "\r\n")
                throwLineColumnError(m_source, m_line, column(m_pos),
                                     std::string("expected ',' or the end of the line after a "
                                                 "closing quote, found '") +
                                         m_text[m_pos] + "'");
        } else {
            while (m_pos < m_text.size()) {
                const char c = m_text[m_pos];
                if (c == ',' || c == '\n' || m_text.substr(m_pos, 2) == "\r\n")
                    break;
                if (c == '"')
                    throwLineColumnError(m_source, m_line, column(m_pos),
                                         "'\"' inside an unquoted field; quote the whole field "
                                         "and double the quote (RFC 4180)");
                cell += c;
                ++m_pos;
            }
        }
        cells.push_back(cell);
        if (m_pos >= m_text.size())
            return true;
        if (m_text[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        m_pos += m_text[m_pos] == '\r' ? 2 : 1;
        newLine(m_pos);
        return true;
    }
}

} // namespace bs
