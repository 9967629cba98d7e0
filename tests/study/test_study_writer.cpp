// StudyWriter: a unit of work is written in place (the file's size and structure unchanged),
// anything else rewrites the file whole, and files of the previous format still read.
#include "core/analysis/barriers.h"
#include "core/common/error.h"
#include "core/study/derived_matrices.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace bs;
namespace fs = std::filesystem;

class TestStudyWriter : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path path(const std::string& name) const {
        return fs::path(m_dir.path().toStdString()) / name;
    }
    static fs::path v1File() { return fs::path(BS_TEST_DATA_DIR) / "study" / "format-v1.h5"; }

    // A copy of `s` with pair (0, 2) (not computed in fullStudy) computed.
    static Study withPair(Study s) {
        for (size_t d = 0; d < s.datasets.size(); ++d) {
            std::vector<double> loss, metric;
            for (int64_t k = 0; k < s.points; ++k) {
                loss.push_back(0.2 + 0.1 * double(d) + (k == 2 ? 0.3 : 0.0));
                metric.push_back(0.9 - 0.01 * double(k));
            }
            s.curves[s.datasets[d].name].setPair(0, 2, loss, metric);
        }
        updatePairMatrices(s, 0, 2);
        s.distance.at(0, 2) = s.distance.at(2, 0) = 42.5;
        s.models[2].contentHash = "xxh64:00112233445566ff";
        return s;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void pairRowsNumberTheUpperTriangle() {
        QCOMPARE(pairCount(1), int64_t(0));
        QCOMPARE(pairCount(6), int64_t(15));
        int64_t row = 0;
        for (int64_t i = 0; i < 6; ++i)
            for (int64_t j = i + 1; j < 6; ++j)
                QCOMPARE(pairRow(i, j, 6), row++);
        QCOMPARE(pairRow(998, 999, 1000), pairCount(1000) - 1);
    }

    void aPairIsWrittenInPlace() {
        const fs::path file = path("pair.h5");
        const Study before = test::fullStudy(6, 5);
        StudyLock lock(file, "test");
        writeStudy(before, file);
        const auto size = fs::file_size(file);
        const Study after = withPair(before);
        {
            StudyWriter writer(file);
            writer.save(after, StudyChange::pair(0, 2));
            QCOMPARE(writer.inPlaceSaves(), int64_t(1));
            QCOMPARE(writer.fullSaves(), int64_t(0));
        }
        QCOMPARE(fs::file_size(file), size);
        const std::string diff = test::studyDifference(readStudy(file), after);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    // The GUI may reread the file (Reload) while its own job writes it, in the same process.
    void readingDuringAnInPlaceComputationInTheSameProcess() {
        const fs::path file = path("reread.h5");
        Study s = test::fullStudy(6, 5);
        StudyLock lock(file, "test");
        writeStudy(s, file);
        StudyWriter writer(file);
        s.evaluations["snli"][5] = Evaluation{0.5, 0.5, 0.5, 0.0, 6};
        writer.save(s, StudyChange::model(5));
        const Study during = readStudy(file); // opened and closed while the writer holds it
        QCOMPARE(during.evaluations.at("snli")[5].loss, 0.5);
        const Study after = withPair(s);
        writer.save(after, StudyChange::pair(0, 2));
        QCOMPARE(writer.inPlaceSaves(), int64_t(2));
        writer.close();
        const std::string diff = test::studyDifference(readStudy(file), after);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void modelPlaneAndSharpnessAreWrittenInPlace() {
        const fs::path file = path("units.h5");
        Study s = test::fullStudy(4, 5);
        StudyLock lock(file, "test");
        writeStudy(s, file);
        StudyWriter writer(file);
        s.evaluations["snli"][3] = Evaluation{0.25, 0.5, 0.75, 0.125, 6};
        s.models[3].contentHash = "xxh64:0123456789abcdef";
        writer.save(s, StudyChange::model(3));
        PlaneResult& plane = s.planes[0];
        for (size_t x = 6; x < 9; ++x)
            plane.loss[x] = plane.metric[x] = 0.5 + double(x);
        plane.rowsDone = 3;
        writer.save(s, StudyChange::plane(0));
        s.sharpness[1].value = 0.0625;
        writer.save(s, StudyChange::sharpness(1));
        QCOMPARE(writer.inPlaceSaves(), int64_t(3));
        QCOMPARE(writer.fullSaves(), int64_t(0));
        writer.close();
        const Study back = readStudy(file);
        QCOMPARE(back.planes[0].rowsDone, int64_t(3)); // from the values, not an attribute
        const std::string diff = test::studyDifference(back, s);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void aChangedLayoutRewritesTheFileWhole() {
        const fs::path file = path("layout.h5");
        Study s = test::fullStudy(4, 5);
        StudyLock lock(file, "test");
        writeStudy(s, file);
        StudyWriter writer(file);
        std::vector<ModelEntry> models = s.models;
        models.push_back(test::sampleModel("added"));
        s.setModels(models);
        writer.save(s, StudyChange::model(4));
        SharpnessResult row{"added", "snli", 0.001, 10, 1.5};
        s.sharpness.push_back(row);
        writer.save(s, StudyChange::sharpness(int64_t(s.sharpness.size()) - 1));
        writer.save(s, StudyChange::everything());
        QCOMPARE(writer.fullSaves(), int64_t(3));
        QCOMPARE(writer.inPlaceSaves(), int64_t(0));
        writer.close();
        const std::string diff = test::studyDifference(readStudy(file), s);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    // A kill between a pair's curve and its matrix cells: reading fills the cells.
    void aCurveWithoutItsCellsIsRepairedOnRead() {
        const fs::path file = path("repair.h5");
        const Study s = withPair(test::fullStudy(5, 5));
        Study torn = s;
        for (auto& [name, m] : torn.matrices)
            m.convexityGap.at(0, 2) = m.barrierHeight.at(2, 0) = kNaN;
        StudyLock lock(file, "test");
        writeStudy(torn, file);
        const Study back = readStudy(file);
        const std::string diff = test::studyDifference(back, s);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    // Format 1 stored curves as [N, N, P]; the file here was written by BasinScope 0.1.
    void theFirstFormatStillReadsAndIsUpgradedOnSave() {
        const Study old = readStudy(v1File());
        QCOMPARE(old.models.size(), size_t(6));
        QCOMPARE(old.points, int64_t(8));
        const CurveSet& dev = old.curves.at("dev");
        // Values as h5dump prints them from the file.
        QVERIFY(std::abs(dev.lossCurve(0, 1)[4] - 0.911796) < 1e-6);
        QVERIFY(std::abs(old.matrices.at("dev").convexityGap.at(0, 1) - 0.901203) < 1e-6);
        for (int64_t i = 0; i < 6; ++i)
            for (int64_t j = i + 1; j < 6; ++j) {
                QVERIFY(dev.hasPair(i, j));
                QCOMPARE(dev.lossCurve(j, i).front(), dev.lossCurve(i, j).back());
                QCOMPARE(old.matrices.at("dev").convexityGap.at(i, j),
                         barrierMetrics(dev.lossCurve(i, j)).convexityGap);
            }

        const fs::path file = path("upgraded.h5");
        fs::copy_file(v1File(), file);
        StudyLock lock(file, "test");
        {
            StudyWriter writer(file);
            writer.save(old, StudyChange::pair(0, 1));
            QCOMPARE(writer.fullSaves(), int64_t(1)); // another format: rewritten whole
            writer.save(old, StudyChange::pair(0, 1));
            QCOMPARE(writer.inPlaceSaves(), int64_t(1));
        }
        const std::string diff = test::studyDifference(readStudy(file), old);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void aUnitOutsideTheStudyIsAnError() {
        const fs::path file = path("bad-unit.h5");
        const Study s = test::fullStudy(3, 4);
        StudyLock lock(file, "test");
        writeStudy(s, file);
        StudyWriter writer(file);
        QVERIFY_THROWS_EXCEPTION(Error, writer.save(s, StudyChange::pair(0, 7)));
        QVERIFY_THROWS_EXCEPTION(Error, writer.save(s, StudyChange::plane(9)));
        // The file still holds the study.
        writer.close();
        const std::string diff = test::studyDifference(readStudy(file), s);
        QVERIFY2(diff.empty(), diff.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStudyWriter)
#include "test_study_writer.moc"
