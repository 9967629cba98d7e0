#pragma once
// Reading dataset files: whole-file reads, line cursors and TSV/CSV record splitting.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

// The whole file, without a leading UTF-8 byte order mark. Throws bs::Error naming the file
// when it is missing, a directory, unreadable or empty.
std::string readDataFile(const std::filesystem::path& path);

// "<source> line <line>: <message>".
[[noreturn]] void throwLineError(const std::string& source, int64_t line,
                                 const std::string& message);

// "<source> line <line>, column <column>: <message>" (column: 1-based byte in the line).
[[noreturn]] void throwLineColumnError(const std::string& source, int64_t line, int64_t column,
                                       const std::string& message);

// Physical lines with "\n" or "\r\n" endings; line numbers are 1-based.
class LineCursor {
public:
    explicit LineCursor(std::string_view text)
        : m_text(text) {}
    // False at the end of the text. A final line without '\n' is still a line.
    bool next(std::string_view& line);
    int64_t lineNumber() const { return m_line; } // of the line last returned
    // True when nothing but line breaks and spaces follows the line last returned.
    bool onlyBlankLinesLeft() const;

private:
    std::string_view m_text;
    size_t m_pos = 0;
    int64_t m_line = 0;
};

// Splits at every tab; quotes are ordinary characters (GLUE files are read with quoting off).
void splitTabs(std::string_view line, std::vector<std::string_view>& cells);

// RFC 4180 records: ',' separates fields, '"' quotes a field, "" inside quotes is one '"',
// quoted fields may hold commas and line breaks; records end at "\n" or "\r\n".
class CsvReader {
public:
    CsvReader(std::string_view text, std::string source)
        : m_text(text)
        , m_source(std::move(source)) {}
    // Fills cells with the next record; false at the end. Blank lines at the end of the file
    // are not records; a blank line elsewhere is an error. Throws bs::Error naming the line
    // and column of a malformed quote.
    bool next(std::vector<std::string>& cells);
    int64_t recordLine() const { return m_recordLine; } // first line of the record last returned

private:
    std::string_view m_text;
    std::string m_source;
    size_t m_pos = 0;
    int64_t m_line = 1;     // line of m_pos
    size_t m_lineStart = 0; // offset of the start of m_line
    int64_t m_recordLine = 0;
};

} // namespace bs
