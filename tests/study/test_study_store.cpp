// Study file: exact round trip, independent readers (h5py, h5dump), refusal of bad files.
#include "core/common/error.h"
#include "core/study/study_store.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

using namespace bs;
namespace fs = std::filesystem;
using bs::test::fullStudy;
using bs::test::studyDifference;

namespace {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ProcessResult runProcess(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(30000))
        return r;
    p.waitForFinished(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A Python that has h5py (Debian's python3-h5py lives in /usr/bin/python3, not in a pyenv).
QString pythonWithH5py() {
    static const QString found = [] {
        for (const QString& candidate :
             {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")})
            if (runProcess(candidate, {"-c", "import h5py"}).exitCode == 0)
                return candidate;
        return QString();
    }();
    return found;
}

QString script(const char* name) {
    return test::toQString(test::testDataDir() / "study" / name);
}

#define REQUIRE_H5PY()                                                                             \
    do {                                                                                           \
        if (pythonWithH5py().isEmpty())                                                            \
            QSKIP("no python3 with h5py (Debian: python3-h5py)");                                  \
    } while (0)

void editStudy(const fs::path& file, const QStringList& args) {
    const auto r = runProcess(pythonWithH5py(),
                              QStringList{script("edit_study.py"), test::toQString(file)} + args);
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

std::string readError(const fs::path& file) {
    try {
        readStudy(file);
    } catch (const Error& e) {
        return e.what();
    }
    return "(read without error)";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Files in `dir` other than `keep` (temporary files a save must not leave behind).
std::vector<std::string> strayFiles(const fs::path& dir, const std::string& keep) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename() != keep)
            out.push_back(e.path().filename().string());
    return out;
}

void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Compares a JSON array (null = NaN) with doubles, exactly.
bool sameValues(const nlohmann::json& j, const std::vector<double>& values) {
    if (!j.is_array() || j.size() != values.size())
        return false;
    for (size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]) ? !j[i].is_null()
                                  : !(j[i].is_number() && j[i].get<double>() == values[i]))
            return false;
    }
    return true;
}

// h5dump 1.10 prints each non-ASCII byte of a string as a sign-extended octal escape
// ("\37777777746" is 0xE6); turn them back into bytes.
QByteArray h5dumpBytes(const QByteArray& text) {
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7') {
            qsizetype end = i + 1;
            while (end < text.size() && text[end] >= '0' && text[end] <= '7')
                ++end;
            out.append(
                static_cast<char>(text.mid(i + 1, end - i - 1).toULongLong(nullptr, 8) & 0xff));
            i = end - 1;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

nlohmann::json flatten(const nlohmann::json& j) {
    if (!j.is_array() || j.empty() || !j[0].is_array())
        return j;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : j)
        for (const auto& v : flatten(row))
            out.push_back(v);
    return out;
}

} // namespace

class TestStudyStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    fs::path path(const std::string& name) const {
        return fs::path(m_dir.path().toStdString()) / name;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripKeepsEveryField() {
        const Study s = fullStudy(4, 5);
        const fs::path file = path("round.h5");
        writeStudy(s, file);
        const Study back = readStudy(file);
        const auto diff = studyDifference(s, back);
        QVERIFY2(diff.empty(), diff.c_str());
        // The orders that name order would break.
        QCOMPARE(back.datasets[0].name, std::string("snli"));
        QCOMPARE(back.planes[1].id, std::string("a-plane"));
        QCOMPARE(back.models[2].name, std::string("模型-2"));
        QVERIFY(std::isnan(back.curves.at("snli").metric[back.curves.at("snli").index(0, 1, 1)]));
        QCOMPARE(back.matrices.at("snli").peakExcess.at(0, 1), 1e-300);
    }

    void roundTripOfSmallAndEmptyStudies() {
        Study empty;
        empty.points = 2;
        writeStudy(empty, path("empty.h5"));
        Study back = readStudy(path("empty.h5"));
        QVERIFY2(studyDifference(empty, back).empty(), studyDifference(empty, back).c_str());
        Study modelsOnly;
        modelsOnly.models = {test::sampleModel("solo")};
        modelsOnly.ensureShapes();
        writeStudy(modelsOnly, path("solo.h5"));
        back = readStudy(path("solo.h5"));
        QVERIFY2(studyDifference(modelsOnly, back).empty(),
                 studyDifference(modelsOnly, back).c_str());
        // Containers left empty mean "not computed": they come back as NaN of the right shape.
        Study sparse = fullStudy(3, 4);
        sparse.curves.clear();
        sparse.distance = Matrix{};
        writeStudy(sparse, path("sparse.h5"));
        back = readStudy(path("sparse.h5"));
        sparse.ensureShapes();
        QVERIFY2(studyDifference(sparse, back).empty(), studyDifference(sparse, back).c_str());
        QCOMPARE(back.curves.at("hans-lo").loss.size(), size_t(3 * 3 * 4));
    }

    void saveReplacesTheFileAndLeavesNothingBehind() {
        const fs::path file = path("replace.h5");
        writeStudy(fullStudy(4, 5), file);
        Study second = fullStudy(3, 7);
        second.models[0].name = "renamed";
        second.setModels(second.models);
        writeStudy(second, file);
        QVERIFY(studyDifference(second, readStudy(file)).empty());
        const auto dir = path("replace-dir");
        fs::create_directories(dir);
        for (int i = 0; i < 3; ++i)
            writeStudy(fullStudy(2 + i, 3), dir / "s.h5");
        QCOMPARE(strayFiles(dir, "s.h5"), std::vector<std::string>{});
    }

    void h5pyReadsTheStudy() {
        REQUIRE_H5PY();
        const Study s = fullStudy(4, 5);
        const fs::path file = path("h5py.h5");
        writeStudy(s, file);
        const auto r =
            runProcess(pythonWithH5py(), {script("dump_study.py"), test::toQString(file)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto& root = j["attrs"]["/"];
        QCOMPARE(root["format"].get<std::string>(), std::string("basinscope-study"));
        QCOMPARE(root["format_version"].get<int>(), 2);
        QVERIFY(contains(root["creator"].get<std::string>(), "BasinScope"));
        QCOMPARE(root["points"].get<int>(), 5);
        QCOMPARE(root["max_length"].get<int>(), 96);
        QCOMPARE(root["model_label_names"].get<std::vector<std::string>>(), s.modelLabelNames);

        std::vector<std::string> names;
        for (const auto& m : s.models)
            names.push_back(m.name);
        const auto& data = j["data"];
        QCOMPARE(data["/models/name"].get<std::vector<std::string>>(), names);
        QCOMPARE(data["/models/path"][1].get<std::string>(), s.models[1].path);
        QCOMPARE(data["/models/parameter_count"][3].get<int64_t>(), s.models[3].parameterCount);
        QCOMPARE(data["/models/step"][0].get<int64_t>(), int64_t(-1));
        QCOMPARE(data["/models/content_hash"][2].get<std::string>(), s.models[2].contentHash);
        QCOMPARE(j["dtypes"]["/models/step"].get<std::string>(), std::string("int64"));
        QCOMPARE(j["dtypes"]["/curves/snli/loss"].get<std::string>(), std::string("float64"));

        // Creation order is what h5py lists: study order, not name order.
        QCOMPARE(j["order"]["/datasets"].get<std::vector<std::string>>(),
                 (std::vector<std::string>{"snli", "hans-lo"}));
        QCOMPARE(j["order"]["/planes"].get<std::vector<std::string>>(),
                 (std::vector<std::string>{"plane-0", "a-plane"}));
        const auto& hansAttrs = j["attrs"]["/datasets/hans-lo"];
        QCOMPARE(hansAttrs["role"].get<std::string>(), std::string("diagnostic"));
        QCOMPARE(hansAttrs["primary_metric"].get<std::string>(), std::string("mcc"));
        QCOMPARE(hansAttrs["spec"].get<std::string>(), s.datasets[1].spec);
        QCOMPARE(hansAttrs["label_names"].get<std::vector<std::string>>(),
                 s.datasets[1].labelNames);
        QCOMPARE(data["/datasets/snli/sample_rows"].get<std::vector<int64_t>>(),
                 s.datasets[0].sampleRows);

        // Pairs i < j, row by row of the upper triangle: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3).
        QCOMPARE(data["/pairs/first"].get<std::vector<int64_t>>(),
                 (std::vector<int64_t>{0, 0, 0, 1, 1, 2}));
        QCOMPARE(data["/pairs/second"].get<std::vector<int64_t>>(),
                 (std::vector<int64_t>{1, 2, 3, 2, 3, 3}));
        for (const auto& d : s.datasets) {
            const auto& c = s.curves.at(d.name);
            const auto loss = data["/curves/" + d.name + "/loss"];
            const auto metric = data["/curves/" + d.name + "/metric"];
            QCOMPARE(loss.size(), size_t(6));
            QCOMPARE(loss[0].size(), size_t(5));
            for (int64_t i = 0, row = 0; i < 4; ++i)
                for (int64_t j = i + 1; j < 4; ++j, ++row) {
                    QVERIFY(sameValues(loss[size_t(row)], c.lossCurve(i, j)));
                    QVERIFY(sameValues(metric[size_t(row)], c.metricCurve(i, j)));
                }
            // Row (0, 3), element k: the point at alpha_k from model 0 to model 3.
            QCOMPARE(loss[2][2].get<double>(),
                     test::sampleCurveValue(d.name == "snli" ? 0 : 1, 0, 3, 2));
            QVERIFY(loss[1][0].is_null()); // pair (0, 2) is not computed
            QVERIFY(sameValues(data["/curves/" + d.name + "/alpha"], curveAlphas(5)));
            const auto& m = s.matrices.at(d.name);
            QVERIFY(sameValues(flatten(data["/matrices/" + d.name + "/convexity_gap"]),
                               m.convexityGap.values));
            QVERIFY(sameValues(flatten(data["/matrices/" + d.name + "/barrier_height"]),
                               m.barrierHeight.values));
            std::vector<double> losses;
            for (const auto& e : s.evaluations.at(d.name))
                losses.push_back(e.loss);
            QVERIFY(sameValues(data["/evaluations/" + d.name + "/loss"], losses));
        }
        QVERIFY(sameValues(flatten(data["/distance"]), s.distance.values));
        QCOMPARE(j["attrs"]["/planes/plane-0"]["rows_done"].get<int>(), 2);
        QVERIFY(sameValues(flatten(data["/planes/plane-0/loss"]), s.planes[0].loss));
        QCOMPARE(data["/clusterings/cg-snli-k2/labels"].get<std::vector<int64_t>>(),
                 s.clusterings[0].labels);
        QCOMPARE(j["attrs"]["/clusterings/cg-snli-k2"]["matrix"].get<std::string>(),
                 std::string("cg"));
        QCOMPARE(data["/sharpness/model"][0].get<std::string>(), s.models[1].name);
        QVERIFY(data["/sharpness/value"][1].is_null());
    }

    void h5dumpReadsTheStudy() {
        const QString h5dump = QStandardPaths::findExecutable("h5dump");
        if (h5dump.isEmpty())
            QSKIP("h5dump not installed (Debian: hdf5-tools)");
        const Study s = fullStudy(4, 5);
        const fs::path file = path("h5dump.h5");
        writeStudy(s, file);
        const QString f = test::toQString(file);
        auto r = runProcess(h5dump, {"-a", "/format", f});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("\"basinscope-study\""));
        QVERIFY(r.out.contains("H5T_CSET_UTF8"));
        r = runProcess(h5dump, {"-y", "-w", "0", "-d", "/models/name", f});
        const QString names = QString::fromUtf8(h5dumpBytes(r.out));
        QVERIFY2(names.contains(QString::fromUtf8(
                     "\"bert-seed-0\", \"modèle-ß\", \"模型-2\", \"run/seed-3\"")),
                 qPrintable(names));
        // Every value of one distance row, at full precision, NaN as "nan".
        r = runProcess(h5dump, {"-y", "-w", "0", "-m", "%.17g", "-d", "/distance", "-s", "1,0",
                                "-c", "1,4", f});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        const auto dataStart = out.indexOf("DATA {");
        QVERIFY(dataStart > 0);
        const QString body = out.mid(dataStart + 6, out.indexOf('}', dataStart) - dataStart - 6);
        QStringList numbers = body.split(QRegularExpression("[,\\s]+"), Qt::SkipEmptyParts);
        QCOMPARE(numbers.size(), 4);
        for (int k = 0; k < 4; ++k)
            QCOMPARE(numbers[k].toDouble(), s.distance.at(1, k));
        r = runProcess(h5dump,
                       {"-y", "-w", "0", "-d", "/curves/snli/loss", "-s", "1,0", "-c", "1,1", f});
        QVERIFY2(r.out.contains("nan"), r.out.constData()); // pair (0, 2) is not computed
    }

    void refusesFilesThatAreNotStudies() {
        QString e = QString::fromStdString(readError(path("missing.h5")));
        QVERIFY2(e.contains("missing.h5: no such study file"), qPrintable(e));
        e = QString::fromStdString(readError(m_dir.path().toStdString()));
        QVERIFY2(e.contains("is a folder, not a study file"), qPrintable(e));

        std::mt19937 rng(7);
        std::string noise(4096, '\0');
        for (char& c : noise)
            c = static_cast<char>(rng());
        writeBytes(path("noise.h5"), noise);
        e = QString::fromStdString(readError(path("noise.h5")));
        QVERIFY2(e.contains("noise.h5: is not a BasinScope study: it is not an HDF5 file"),
                 qPrintable(e));
        writeBytes(path("zero.h5"), "");
        e = QString::fromStdString(readError(path("zero.h5")));
        QVERIFY2(e.contains("zero.h5: is not a BasinScope study"), qPrintable(e));
    }

    void truncatedFilesGiveErrorsNotCrashes() {
        const fs::path file = path("whole.h5");
        writeStudy(fullStudy(4, 5), file);
        const std::string bytes = test::readFile(file);
        const size_t size = bytes.size();
        std::vector<size_t> cuts = {8,    16,       64,       200,         512,        1024,
                                    2048, size / 3, size / 2, size - 4096, size - 100, size - 1};
        for (size_t cut = 4096; cut < size; cut += 4096)
            cuts.push_back(cut);
        for (size_t cut : cuts) {
            const fs::path cutFile = path("cut.h5");
            writeBytes(cutFile, bytes.substr(0, cut));
            const std::string e = readError(cutFile);
            QVERIFY2(contains(e, cutFile.string() + ": "),
                     ("cut at " + std::to_string(cut) + ": " + e).c_str());
            QVERIFY2(!contains(e, "read without error"), std::to_string(cut).c_str());
        }
    }

    void refusesForeignAndNewerFiles() {
        REQUIRE_H5PY();
        const fs::path foreign = path("foreign.h5");
        editStudy(foreign, {"foreign"});
        auto e = readError(foreign);
        QVERIFY2(contains(e, "foreign.h5: is an HDF5 file but not a BasinScope study (no root "
                             "attribute 'format')"),
                 e.c_str());
        editStudy(foreign, {"set-attr", "/", "format", "image-stack"});
        e = readError(foreign);
        QVERIFY2(contains(e, "root attribute 'format' is 'image-stack', expected "
                             "'basinscope-study'"),
                 e.c_str());

        const fs::path newer = path("newer.h5");
        writeStudy(fullStudy(3, 4), newer);
        editStudy(newer, {"set-attr", "/", "format_version", "3"});
        e = readError(newer);
        QVERIFY2(contains(e, "newer.h5: was written by a newer BasinScope (study format 3)"),
                 e.c_str());

        // A save does not replace either of them.
        for (const auto& [file, expected] :
             {std::pair{foreign,
                        std::string("exists and is an HDF5 file but not a BasinScope study")},
              std::pair{newer, std::string("was written by a newer BasinScope (study format 3), "
                                           "which this version cannot keep")}}) {
            const std::string before = test::readFile(file);
            try {
                writeStudy(fullStudy(2, 3), file);
                QFAIL("replaced a file that is not a study of this version");
            } catch (const Error& error) {
                QVERIFY2(contains(error.what(), expected) &&
                             contains(error.what(), "left untouched"),
                         error.what());
            }
            QVERIFY(test::readFile(file) == before);
        }
    }

    void namesTheInconsistentObject() {
        REQUIRE_H5PY();
        struct Case {
            QStringList edit;
            std::string expected;
        };
        const std::vector<Case> cases = {
            {{"reshape", "/curves/snli/loss", "5", "5"},
             "/curves/snli/loss: has shape [5, 5], expected [6, 5]"},
            {{"reshape", "/matrices/hans-lo/auc", "4"},
             "/matrices/hans-lo/auc: has shape [4], expected [4, 4]"},
            {{"delete", "/models/path"}, "/models/path: is missing"},
            {{"reshape", "/distance", "4", "5"}, "/distance: has shape [4, 5], expected [4, 4]"},
            {{"as-text", "/models/parameter_count"},
             "/models/parameter_count: holds text, expected integers"},
            {{"as-text", "/evaluations/snli/loss"},
             "/evaluations/snli/loss: holds text, expected floating-point numbers"},
            {{"set-attr", "/datasets/snli", "role", "train"},
             "/datasets/snli attribute 'role': dataset role must be 'surface' or 'diagnostic', "
             "found 'train'"},
            {{"delete", "/datasets/snli"},
             "/evaluations/snli: belongs to no dataset listed in /datasets"},
            {{"add-group", "/curves/qqp"}, "/curves/qqp: belongs to no dataset listed"},
            {{"set-attr", "/", "points", "1"}, "/ attribute 'points': is 1, expected at least 2"},
            {{"set-attr", "/planes/plane-0", "dataset", "qqp"},
             "plane 'plane-0' mentions unknown dataset 'qqp'"},
            {{"delete", "/planes/a-plane/metric"}, "/planes/a-plane/metric: is missing"},
        };
        for (const auto& c : cases) {
            const fs::path file = path("edited.h5");
            writeStudy(fullStudy(4, 5), file);
            editStudy(file, c.edit);
            const std::string e = readError(file);
            QVERIFY2(contains(e, file.string() + ": ") && contains(e, c.expected),
                     (c.edit.join(' ').toStdString() + " -> " + e).c_str());
        }
        // Results are optional: a study without /planes or /sharpness still reads.
        const fs::path file = path("fewer.h5");
        writeStudy(fullStudy(4, 5), file);
        editStudy(file, {"delete", "/sharpness"});
        editStudy(file, {"delete", "/curves/hans-lo"});
        const Study back = readStudy(file);
        QVERIFY(back.sharpness.empty());
        QVERIFY(!back.curves.at("hans-lo").hasPair(0, 1));
        QVERIFY(back.curves.at("snli").hasPair(0, 1));
    }

    // Other tools (h5py with numpy bytes, MATLAB) write fixed-length text; it reads the same.
    void readsFixedLengthText() {
        REQUIRE_H5PY();
        const Study s = fullStudy(4, 5);
        const fs::path file = path("fixed.h5");
        writeStudy(s, file);
        editStudy(file, {"fixed-text", "/models/name"});
        editStudy(file, {"fixed-text", "/models/run"}); // holds empty strings
        editStudy(file, {"fixed-attr", "/datasets/snli", "spec"});
        editStudy(file, {"fixed-attr", "/datasets/hans-lo", "label_names"});
        editStudy(file, {"fixed-attr", "/", "format"});
        const Study back = readStudy(file);
        const auto diff = studyDifference(s, back);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void writeIntoMissingFolderCreatesNothing() {
        const fs::path folder = path("no-such-folder");
        const auto before = strayFiles(m_dir.path().toStdString(), "");
        try {
            writeStudy(fullStudy(2, 3), folder / "study.h5");
            QFAIL("wrote into a missing folder");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "folder " + folder.string() + " does not exist"), e.what());
        }
        QVERIFY(!fs::exists(folder));
        QCOMPARE(strayFiles(m_dir.path().toStdString(), ""), before);
    }

    void refusesToReplaceWhatIsNotAStudy() {
        const fs::path file = path("notes.h5");
        writeBytes(file, "my thesis draft, not a study\n");
        try {
            writeStudy(fullStudy(2, 3), file);
            QFAIL("replaced a file that is not a study");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "notes.h5: exists and is not a BasinScope study") &&
                         contains(e.what(), "left untouched"),
                     e.what());
        }
        QCOMPARE(test::readFile(file), std::string("my thesis draft, not a study\n"));
        QVERIFY(!fs::exists(file.string() + ".tmp-" +
                            std::to_string(QCoreApplication::applicationPid())));
    }

    void inconsistentStudyIsNotWritten() {
        const fs::path file = path("kept.h5");
        const Study good = fullStudy(3, 4);
        writeStudy(good, file);
        Study bad = good;
        bad.curves["snli"] = CurveSet::empty(2, 4);
        try {
            writeStudy(bad, file);
            QFAIL("wrote an inconsistent study");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "kept.h5: cannot save the study: curves of 'snli' are "
                                        "[2, 2, 4], expected [3, 3, 4]"),
                     e.what());
        }
        QVERIFY(studyDifference(good, readStudy(file)).empty());
    }

    // The compute loop saves after every pair: time a save of a finished 100-model study.
    void saveTimeOfHundredModels() {
        const Study s = test::denseStudy(100, 10, 3);
        const fs::path file = path("hundred.h5");
        writeStudy(s, file);
        std::vector<qint64> saves, reads;
        for (int i = 0; i < 7; ++i) {
            QElapsedTimer t;
            t.start();
            writeStudy(s, file);
            saves.push_back(t.nsecsElapsed() / 1000);
            t.restart();
            const Study back = readStudy(file);
            reads.push_back(t.nsecsElapsed() / 1000);
            QVERIFY(test::studyDifference(back, s).empty());
        }
        std::sort(saves.begin(), saves.end());
        std::sort(reads.begin(), reads.end());
        qInfo("study N=100, P=10, 3 datasets: %.1f MB, save median %.1f ms (min %.1f, max %.1f), "
              "read median %.1f ms",
              static_cast<double>(fs::file_size(file)) / 1e6, saves[3] / 1000.0,
              saves.front() / 1000.0, saves.back() / 1000.0, reads[3] / 1000.0);
        QVERIFY2(saves[3] < 2'000'000, "a save takes over 2 s");
    }
};

QTEST_GUILESS_MAIN(TestStudyStore)
#include "test_study_store.moc"
