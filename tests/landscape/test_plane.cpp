// Loss planes: an orthonormal basis, exact model coordinates, coarse-to-fine grids, resume.
#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/jobs/plane_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/plane_geometry.h"
#include "core/study/plane_export.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace bs;
namespace fs = std::filesystem;

class TestPlane : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Study m_study;

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = m_dir.path().toStdString();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string(),
                          test::writeBlendedModel(dir / "blend", 0.5, 0.05, 3).string()};
        options.datasets.push_back(parseNamedDatasetSpec(
            "mnli=" + (test::testDataDir() / "mnli" / "dev_matched.tsv").string() + ":mnli",
            DatasetRole::Surface));
        options.modelLabelNames = test::nliLabels();
        m_study = buildStudy(options);
        StudySession session(m_study, {});
        evaluateModels(m_study, session, {}, false, {});
    }

    void basisIsOrthonormalAndModelsMapBack() {
        StudySession session(m_study, {});
        std::vector<at::Tensor> flats;
        for (int64_t m = 0; m < 3; ++m)
            flats.push_back(session.cache().get(m));
        const PlaneBasis basis = makePlaneBasis(flats[0], flats[1], flats[2]);
        QVERIFY(std::abs(flatDot(basis.u, basis.u) - 1) < 1e-6);
        QVERIFY(std::abs(flatDot(basis.v, basis.v) - 1) < 1e-6);
        QVERIFY(std::abs(flatDot(basis.u, basis.v)) < 1e-6);
        for (size_t m = 0; m < 3; ++m) {
            const at::Tensor back = basis.origin.to(at::kDouble) +
                                    basis.u.to(at::kDouble) * basis.modelX[m] +
                                    basis.v.to(at::kDouble) * basis.modelY[m];
            const at::Tensor truth = flats[m].to(at::kDouble);
            const double relative =
                (back - truth).norm().item<double>() / truth.norm().item<double>();
            QVERIFY2(relative <= 1e-6, qPrintable(QString("model %1: %2").arg(m).arg(relative)));
        }
        QCOMPARE(basis.modelX[0], 0.0);
        QCOMPARE(basis.modelY[1], 0.0);
        QVERIFY(basis.modelY[2] > 0);
    }

    void degeneratePlanesAreRefused() {
        StudySession session(m_study, {});
        const at::Tensor a = session.cache().get(0);
        const at::Tensor b = session.cache().get(1);
        QVERIFY_THROWS_EXCEPTION(Error, makePlaneBasis(a, a, b));
        const at::Tensor onLine = a + (b - a) * 2.0;
        QVERIFY_THROWS_EXCEPTION(Error, makePlaneBasis(a, b, onLine));
    }

    void refinementVisitsEveryPointOnceCoarseFirst() {
        for (int64_t r : {3, 9, 30, 31, 41}) {
            const auto levels = refinementLevels(r);
            std::set<int64_t> seen;
            for (const auto& level : levels)
                for (int64_t cell : level)
                    QVERIFY(seen.insert(cell).second);
            QCOMPARE(static_cast<int64_t>(seen.size()), r * r);
            QVERIFY(levels.front().size() <= 81 || levels.size() == 1);
        }
        QCOMPARE(refinementLevels(31).size(), size_t(3)); // 7x7, 16x16, 31x31
    }

    void planeComputesAndModelsMatchTheirEvaluations() {
        Study study = m_study;
        PlaneRequest request;
        request.models = {"bert-seed1", "bert-seed2", "blend"};
        request.resolution = 31;
        const size_t index = findOrAddPlane(study, request);
        StudySession session(study, {});
        std::vector<int64_t> levelSizes;
        QElapsedTimer timer;
        timer.start();
        qint64 firstPicture = -1;
        computePlane(study, session, index, {}, [&](const PlaneResult& plane) {
            if (firstPicture < 0 && plane.rowsDone == 0)
                firstPicture = timer.elapsed();
            int64_t computed = 0;
            for (double v : plane.loss)
                computed += std::isnan(v) ? 0 : 1;
            levelSizes.push_back(computed);
        });
        qInfo("31x31 plane of the fixture models on %zu examples: %.2f s (first coarse picture "
              "after %.2f s)",
              study.datasets[0].sampleRows.size(), timer.elapsed() / 1000.0, firstPicture / 1000.0);
        const PlaneResult& plane = study.planes[index];
        QCOMPARE(levelSizes.back(), int64_t(31 * 31));
        QVERIFY(levelSizes.size() >= 3); // models, coarse levels, full grid
        QCOMPARE(plane.rowsDone, int64_t(31));
        for (size_t m = 0; m < 3; ++m) {
            const double direct = study.evaluations.at("mnli")[m].loss;
            QVERIFY2(std::abs(plane.modelLoss[m] - direct) <= 1e-5,
                     qPrintable(
                         QString("model %1: %2 vs %3").arg(m).arg(plane.modelLoss[m]).arg(direct)));
            QVERIFY(plane.modelX[m] >= plane.xMin && plane.modelX[m] <= plane.xMax);
            QVERIFY(plane.modelY[m] >= plane.yMin && plane.modelY[m] <= plane.yMax);
        }
        // The same request finds the stored plane.
        QCOMPARE(findOrAddPlane(study, request), index);
        QVERIFY(planeCsv(plane).find("model:blend") != std::string::npos);
    }

    void cancelledPlaneResumesToTheSameGrid() {
        Study full = m_study, resumed = m_study;
        PlaneRequest request;
        request.models = {"blend", "bert-seed1", "bert-seed2"};
        request.resolution = 9;
        const size_t a = findOrAddPlane(full, request);
        const size_t b = findOrAddPlane(resumed, request);
        {
            StudySession session(full, {});
            computePlane(full, session, a, {});
        }
        {
            StudySession session(resumed, {});
            int reports = 0;
            JobHooks hooks;
            hooks.progress =
                Progress([&](int64_t, int64_t, const std::string&) { return ++reports < 15; });
            QVERIFY_THROWS_EXCEPTION(Cancelled, computePlane(resumed, session, b, hooks));
            computePlane(resumed, session, b, {});
        }
        QCOMPARE(resumed.planes[b].loss, full.planes[a].loss);
        QCOMPARE(resumed.planes[b].modelLoss, full.planes[a].modelLoss);
    }
};

QTEST_GUILESS_MAIN(TestPlane)
#include "test_plane.moc"
