// The vocabulary of matrices and metrics: every name round-trips, unknown names are refused
// with the known ones listed, and the file names are the ones docs/study-format.md documents.
#include "core/common/error.h"
#include "core/common/matrix_kind.h"
#include "core/common/metric.h"
#include "core/study/study_csv.h"
#include "tests/study/study_samples.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace bs;

namespace {

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string studyFormatDoc() {
    std::ifstream in(std::filesystem::path(BS_TEST_DATA_DIR) / ".." / ".." / "docs" /
                     "study-format.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The lines of `doc` from the heading that starts with `heading` to the next heading.
std::string section(const std::string& doc, const std::string& heading) {
    const size_t begin = doc.find("\n" + heading);
    if (begin == std::string::npos)
        return {};
    const size_t end = doc.find("\n#", begin + 1);
    return doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

} // namespace

class Vocabulary : public QObject {
    Q_OBJECT
private slots:
    void everyMatrixKindRoundTrips() {
        QCOMPARE(allMatrixKinds().size(), size_t(5));
        std::set<std::string> ids, fileNames, displayNames;
        for (MatrixKind kind : allMatrixKinds()) {
            QCOMPARE(parseMatrixId(matrixId(kind)), kind);
            QCOMPARE(findMatrixId(matrixId(kind)), std::optional<MatrixKind>(kind));
            QCOMPARE(parseMatrixFileName(matrixFileName(kind)), kind);
            QVERIFY(!matrixDisplayName(kind).empty());
            QVERIFY(!matrixShortName(kind).empty());
            ids.insert(matrixId(kind));
            fileNames.insert(matrixFileName(kind));
            displayNames.insert(matrixDisplayName(kind));
        }
        QCOMPARE(ids.size(), size_t(5));
        QCOMPARE(fileNames.size(), size_t(5));
        QCOMPARE(displayNames.size(), size_t(5));
        QCOMPARE(matrixIds(),
                 (std::vector<std::string>{"cg", "bh", "peak_excess", "auc", "distance"}));
        QCOMPARE(isCurveMatrix(MatrixKind::Distance), false);
        QCOMPARE(isCurveMatrix(MatrixKind::PeakExcess), true);
    }

    void everyMetricRoundTrips() {
        QCOMPARE(allMetrics().size(), size_t(3));
        std::set<std::string> ids;
        for (Metric metric : allMetrics()) {
            QCOMPARE(parseMetric(metricId(metric)), metric);
            QCOMPARE(findMetric(metricFileName(metric)), std::optional<Metric>(metric));
            QVERIFY(!metricDisplayName(metric).empty());
            ids.insert(metricId(metric));
        }
        QCOMPARE(ids, (std::set<std::string>{"accuracy", "f1", "mcc"}));
        const Evaluation e{0.5, 0.8, 0.7, 0.4, 12};
        QCOMPARE(e.metric(Metric::Accuracy), 0.8);
        QCOMPARE(e.metric(Metric::F1), 0.7);
        QCOMPARE(e.metric(Metric::Mcc), 0.4);
    }

    void unknownNamesAreRefusedWithTheKnownOnes() {
        const auto matrix = errorOf([] { parseMatrixId("convexity"); });
        QVERIFY2(contains(matrix, "'convexity'") &&
                     contains(matrix, "cg, bh, peak_excess, auc or distance"),
                 matrix.c_str());
        QVERIFY(!findMatrixId("CG")); // names are case-sensitive, as in the file
        const auto file = errorOf([] { parseMatrixFileName("cg"); });
        QVERIFY2(contains(file, "'cg'") && contains(file, "convexity_gap"), file.c_str());
        const auto metric = errorOf([] { parseMetric("recall"); });
        QVERIFY2(contains(metric, "'recall'") && contains(metric, "accuracy, f1 or mcc"),
                 metric.c_str());
        QVERIFY(!findMetric("loss"));
    }

    // The file names are the format's, read from its documentation (not from the code).
    void fileNamesAreTheDocumentedOnes() {
        const std::string doc = studyFormatDoc();
        QVERIFY2(!doc.empty(), "docs/study-format.md not found");
        const std::string matrices = section(doc, "### `/matrices/<dataset>`");
        const std::string evaluations = section(doc, "### `/evaluations/<dataset>`");
        const std::string clusterings = section(doc, "### `/clusterings/<id>`");
        QVERIFY(!matrices.empty() && !evaluations.empty() && !clusterings.empty());
        for (MatrixKind kind : allMatrixKinds()) {
            if (isCurveMatrix(kind))
                QVERIFY2(contains(matrices, "| `" + matrixFileName(kind) + "` |"),
                         matrixFileName(kind).c_str());
            else
                QVERIFY(contains(doc, "### `/" + matrixFileName(kind) + "`"));
            QVERIFY2(contains(clusterings, "`" + matrixId(kind) + "`"), matrixId(kind).c_str());
        }
        for (Metric metric : allMetrics())
            QVERIFY2(contains(evaluations, "| `" + metricFileName(metric) + "` |"),
                     metricFileName(metric).c_str());
    }

    void studyMatricesByKind() {
        Study study = test::fullStudy(3, 4);
        DerivedMatrices& m = study.matrices.at("snli");
        QCOMPARE(&m.of(MatrixKind::ConvexityGap), &m.convexityGap);
        QCOMPARE(&m.of(MatrixKind::BarrierHeight), &m.barrierHeight);
        QCOMPARE(&m.of(MatrixKind::PeakExcess), &m.peakExcess);
        QCOMPARE(&m.of(MatrixKind::Auc), &m.auc);
        const auto error = errorOf([&] { m.of(MatrixKind::Distance); });
        QVERIFY2(contains(error, "distance"), error.c_str());
        for (MatrixKind kind : allMatrixKinds()) {
            const Matrix& expected = isCurveMatrix(kind) ? m.of(kind) : study.distance;
            QCOMPARE(&studyMatrix(study, kind, "snli"), &expected);
            QCOMPARE(&studyMatrix(study, matrixId(kind), "snli"), &expected);
        }
        const auto unknown = errorOf([&] { studyMatrix(study, "gap", "snli"); });
        QVERIFY2(contains(unknown, "'gap'"), unknown.c_str());
    }

    // The evaluations CSV names its columns with the metrics' file names, in column order.
    void evaluationsCsvHeader() {
        const Study study = test::fullStudy(2, 3);
        const std::string csv = evaluationsCsv(study);
        const std::string header = csv.substr(0, csv.find('\n'));
        QCOMPARE(header, std::string("model,family,run,step,snli_loss,snli_accuracy,snli_f1,"
                                     "snli_mcc,hans-lo_loss,hans-lo_accuracy,hans-lo_f1,"
                                     "hans-lo_mcc"));
    }
};

QTEST_GUILESS_MAIN(Vocabulary)
#include "test_vocabulary.moc"
