// Lint: matrix and metric names are spelled only by the vocabulary (core/common/matrix_kind.cpp,
// core/common/metric.cpp). Everything else asks it, so that a name cannot drift between the
// file format, the CSV, the CLI and the views.
//
// What counts as a name: the id and the file name of every MatrixKind and Metric, as the
// vocabulary itself reports them ("cg", "convexity_gap", ..., "accuracy", "f1", "mcc").
// What counts as spelling one: a string literal in a .h or .cpp file under core/, app/ or
// widgets/ (comments are skipped) whose text, cut at '/', has a piece that is a name, or a
// name after '_' or '.' (the HDF5 path "/matrices/mnli/convexity_gap" is cut into "",
// "matrices", "mnli", "convexity_gap"; "_accuracy" is a CSV header's tail, ".f1" a model
// column's). Not counted: longer text that mentions a name ("use cg or bh"), and the
// argument of tr(), which is words for a person to read (an axis titled "distance"), not a
// name a program decodes. The loss is not a metric (it is what every curve is), so "loss" is
// not a name here.
#include "core/common/matrix_kind.h"
#include "core/common/metric.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace bs;
namespace fs = std::filesystem;

namespace {

struct Literal {
    int line = 0;
    std::string text;
    bool trArgument = false;
};

bool identifierChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether the literal opening at `quote` (after any encoding prefix) is the first argument of
// tr(...).
bool isTrArgument(const std::string& s, size_t quote) {
    size_t k = quote;
    while (k > 0 && identifierChar(s[k - 1])) // u8, L, u, U prefixes
        --k;
    while (k > 0 && std::isspace(static_cast<unsigned char>(s[k - 1])))
        --k;
    if (k == 0 || s[k - 1] != '(')
        return false;
    --k;
    while (k > 0 && std::isspace(static_cast<unsigned char>(s[k - 1])))
        --k;
    size_t begin = k;
    while (begin > 0 && identifierChar(s[begin - 1]))
        --begin;
    return s.substr(begin, k - begin) == "tr";
}

// Whether the R at `r` (followed by a quote) is a raw string's R: alone or after an encoding
// prefix (u8R, LR, uR, UR), not the end of an identifier such as fooR.
bool isRawPrefix(const std::string& s, size_t r) {
    size_t begin = r;
    while (begin > 0 && identifierChar(s[begin - 1]))
        --begin;
    const std::string word = s.substr(begin, r + 1 - begin);
    return word == "R" || word == "u8R" || word == "LR" || word == "uR" || word == "UR";
}

// The string literals of a C++ source, comments and character literals skipped.
std::vector<Literal> literals(const std::string& s) {
    std::vector<Literal> out;
    int line = 1;
    size_t i = 0;
    auto advance = [&](size_t to) {
        for (; i < to && i < s.size(); ++i)
            if (s[i] == '\n')
                ++line;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            const size_t end = s.find('\n', i);
            advance(end == std::string::npos ? s.size() : end);
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const size_t end = s.find("*/", i + 2);
            advance(end == std::string::npos ? s.size() : end + 2);
        } else if (c == 'R' && i + 1 < s.size() && s[i + 1] == '"' && isRawPrefix(s, i)) {
            const size_t open = s.find('(', i + 2);
            const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
            const size_t end = s.find(close, open);
            Literal l{line, s.substr(open + 1, end - open - 1), isTrArgument(s, i + 1)};
            out.push_back(l);
            advance(end + close.size());
        } else if (c == '"') {
            size_t end = i + 1;
            while (end < s.size() && s[end] != '"') {
                if (s[end] == '\\')
                    ++end;
                ++end;
            }
            out.push_back({line, s.substr(i + 1, end - i - 1), isTrArgument(s, i)});
            advance(end + 1);
        } else if (c == '\'') {
            // A digit separator (1'000'000) sits between two digits; anything else opens a
            // character literal.
            if (i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1])) && i + 1 < s.size() &&
                std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
                advance(i + 1);
                continue;
            }
            size_t end = i + 1;
            while (end < s.size() && s[end] != '\'') {
                if (s[end] == '\\')
                    ++end;
                ++end;
            }
            advance(end + 1);
        } else {
            advance(i + 1);
        }
    }
    return out;
}

std::set<std::string> vocabularyNames() {
    std::set<std::string> names;
    for (MatrixKind kind : allMatrixKinds()) {
        names.insert(matrixId(kind));
        names.insert(matrixFileName(kind));
    }
    for (Metric metric : allMetrics()) {
        names.insert(metricId(metric));
        names.insert(metricFileName(metric));
    }
    return names;
}

// The name `text` spells, or empty.
std::string spelledName(const std::string& text, const std::set<std::string>& names) {
    std::istringstream pieces(text);
    std::string piece;
    while (std::getline(pieces, piece, '/')) {
        if (names.count(piece))
            return piece;
        if (!piece.empty() && (piece[0] == '_' || piece[0] == '.') && names.count(piece.substr(1)))
            return piece.substr(1);
    }
    return {};
}

fs::path sourceRoot() {
    return fs::canonical(fs::path(BS_TEST_DATA_DIR) / ".." / "..");
}

} // namespace

class VocabularyLint : public QObject {
    Q_OBJECT
private slots:
    // The lexer itself, on a snippet with every case the rule distinguishes.
    void lexerFindsOnlyNamesInLiterals() {
        const std::string snippet =
            "// \"cg\" in a comment\n"
            "/* \"bh\" in a block */ int n = 1'000;\n"
            "auto a = \"auc\"; char q = '\"';\n"
            "auto b = tr(\"distance\"); auto c = \"use cg or bh\";\n"
            "auto d = g + \"/convexity_gap\"; auto e = name + \"_f1\";\n"
            "auto f = R\"x(mcc)x\"; auto g = QStringLiteral(\"peak_excess\");\n";
        const auto names = vocabularyNames();
        std::vector<std::pair<int, std::string>> hits;
        for (const Literal& l : literals(snippet))
            if (!l.trArgument) {
                const std::string name = spelledName(l.text, names);
                if (!name.empty())
                    hits.emplace_back(l.line, name);
            }
        const std::vector<std::pair<int, std::string>> expected{
            {3, "auc"}, {5, "convexity_gap"}, {5, "f1"}, {6, "mcc"}, {6, "peak_excess"}};
        QCOMPARE(hits, expected);
    }

    void noNamesOutsideTheVocabulary() {
        const fs::path root = sourceRoot();
        QVERIFY2(fs::exists(root / "core" / "common" / "matrix_kind.cpp"), root.c_str());
        const std::set<fs::path> vocabulary{root / "core/common/matrix_kind.cpp",
                                            root / "core/common/metric.cpp"};
        const auto names = vocabularyNames();
        std::vector<std::string> found;
        size_t files = 0;
        for (const char* top : {"core", "app", "widgets"})
            for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
                const fs::path& path = entry.path();
                if (!entry.is_regular_file() ||
                    (path.extension() != ".cpp" && path.extension() != ".h") ||
                    vocabulary.count(path))
                    continue;
                ++files;
                std::ifstream in(path);
                std::stringstream text;
                text << in.rdbuf();
                for (const Literal& l : literals(text.str())) {
                    const std::string name = l.trArgument ? "" : spelledName(l.text, names);
                    if (!name.empty())
                        found.push_back(fs::relative(path, root).string() + ":" +
                                        std::to_string(l.line) + ": \"" + l.text + "\" spells '" +
                                        name + "'");
                }
            }
        QVERIFY(files > 100);
        std::string report;
        for (const std::string& f : found)
            report += f + "\n";
        if (!found.empty())
            qWarning("%zu string literals spell matrix or metric names; ask "
                     "core/common/matrix_kind.h or metric.h instead:\n%s",
                     found.size(), report.c_str());
        QVERIFY2(found.empty(), "names spelled outside the vocabulary (listed above)");
    }
};

QTEST_GUILESS_MAIN(VocabularyLint)
#include "test_vocabulary_lint.moc"
