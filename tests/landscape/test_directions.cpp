// Filter-normalized random directions and the loss surfaces around one model along them.
#include "core/common/error.h"
#include "core/jobs/direction_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/random_directions.h"
#include "core/study/plane_export.h"
#include "core/study/study_store.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bs;
namespace fs = std::filesystem;

class TestDirections : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Study m_study;

    static double rowNorm(const at::Tensor& flat, const ParameterSlot& slot, int64_t row) {
        const int64_t width = slot.numel / slot.shape[0];
        return flat.narrow(0, slot.offset + row * width, width)
            .to(at::kDouble)
            .norm()
            .item<double>();
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string()};
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.modelLabelNames = test::nliLabels();
        m_study = buildStudy(options);
        StudySession session(m_study, {});
        evaluateModels(m_study, session, {}, false, {});
    }

    void everyFilterHasTheModelsNorm() {
        StudySession session(m_study, {});
        const at::Tensor model = session.cache().get(0);
        const auto& layout = session.space().layout();
        for (BiasTreatment biases : {BiasTreatment::Zero, BiasTreatment::Keep}) {
            const at::Tensor d = randomDirection(model, layout, {11, biases}, 0);
            QCOMPARE(d.scalar_type(), model.scalar_type());
            QCOMPARE(d.numel(), model.numel());
            int64_t filters = 0, vectors = 0;
            double worst = 0;
            for (const ParameterSlot& slot : layout) {
                if (slot.shape.size() < 2) {
                    const at::Tensor part = d.narrow(0, slot.offset, slot.numel);
                    const at::Tensor expected = biases == BiasTreatment::Zero
                                                    ? at::zeros_like(part)
                                                    : model.narrow(0, slot.offset, slot.numel);
                    QVERIFY2(at::equal(part, expected), slot.name.c_str());
                    ++vectors;
                    continue;
                }
                for (int64_t row = 0; row < slot.shape[0]; ++row) {
                    const double want = rowNorm(model, slot, row);
                    const double got = rowNorm(d, slot, row);
                    const double relative = std::abs(got - want) / std::max(want, 1e-30);
                    worst = std::max(worst, relative);
                    QVERIFY2(relative <= 1e-6, qPrintable(QString("%1 row %2: %3 vs %4")
                                                              .arg(slot.name.c_str())
                                                              .arg(row)
                                                              .arg(got)
                                                              .arg(want)));
                    ++filters;
                }
            }
            qInfo("biases %s: %lld filters checked (largest relative norm error %.2e), %lld "
                  "one-dimensional parameters",
                  biasTreatmentName(biases), static_cast<long long>(filters), worst,
                  static_cast<long long>(vectors));
            QVERIFY(filters > 100);
            QVERIFY(vectors > 10);
        }
    }

    void aSeededDirectionIsReproducedBitForBit() {
        StudySession session(m_study, {});
        const at::Tensor model = session.cache().get(0);
        const auto& layout = session.space().layout();
        const at::Tensor first = randomDirection(model, layout, {5, BiasTreatment::Zero}, 0);
        const at::Tensor again =
            randomDirection(model.clone(), layout, {5, BiasTreatment::Zero}, 0);
        QCOMPARE(std::memcmp(first.data_ptr(), again.data_ptr(), first.nbytes()), 0);
        // Another axis or seed is another direction (nearly orthogonal in this dimension).
        const at::Tensor second = randomDirection(model, layout, {5, BiasTreatment::Zero}, 1);
        const at::Tensor otherSeed = randomDirection(model, layout, {6, BiasTreatment::Zero}, 0);
        for (const at::Tensor& other : {second, otherSeed}) {
            const double cosine =
                flatDot(first, other) / std::sqrt(flatDot(first, first) * flatDot(other, other));
            QVERIFY2(std::abs(cosine) < 0.05, qPrintable(QString::number(cosine)));
        }
        // The generator itself: fixed values for a seed (same on every machine), and N(0, 1).
        const at::Tensor g = gaussianVector(200001, 42);
        QVERIFY(at::equal(g, gaussianVector(200001, 42)));
        QVERIFY(std::abs(g.mean().item<double>()) < 0.01);
        QVERIFY(std::abs(g.std().item<double>() - 1) < 0.01);
    }

    void surfaceCentreIsTheModelAndPointsAreItsNeighbours() {
        Study study = m_study;
        DirectionSurfaceRequest request;
        request.model = "bert-seed2";
        request.resolution = 5;
        request.range = 0.5;
        request.directions = {3, BiasTreatment::Zero};
        const size_t index = findOrAddDirectionSurface(study, request);
        QCOMPARE(study.planes[index].id, std::string("surface-0"));
        StudySession session(study, {});
        QElapsedTimer timer;
        timer.start();
        computeDirectionSurface(study, session, index, 2, {});
        qInfo("5x5 surface around a fixture model on %zu examples: %.2f s",
              study.datasets[0].sampleRows.size(), timer.elapsed() / 1000.0);
        const PlaneResult& surface = study.planes[index];
        const double own = study.evaluations.at("mnli")[1].loss;
        QVERIFY(std::abs(surface.modelLoss[0] - own) <= 1e-5);
        QVERIFY(std::abs(surface.loss[2 * 5 + 2] - own) <= 1e-5); // the centre grid point
        QCOMPARE(surface.rowsDone, int64_t(5));

        // A corner, recomputed independently: centre + x d1 + y d2 from freshly drawn directions.
        const at::Tensor centre = session.cache().get(1);
        const auto& layout = session.space().layout();
        const at::Tensor d1 = randomDirection(centre, layout, request.directions, 0);
        const at::Tensor d2 = randomDirection(centre, layout, request.directions, 1);
        session.space().set(centre + d1 * 0.5 + d2 * -0.5); // column 4 (x = 0.5), row 0 (y = -0.5)
        const double corner = session.evaluator(0).evaluate(session.space().model()).loss;
        QVERIFY2(std::abs(surface.loss[4] - corner) <= 1e-5 * std::max(1.0, corner),
                 qPrintable(QString("%1 vs %2").arg(surface.loss[4]).arg(corner)));
        QVERIFY(surface.loss[4] != surface.loss[12]); // the directions do change the loss

        // The same request finds it; another seed is another surface.
        QCOMPARE(findOrAddDirectionSurface(study, request), index);
        request.directions.seed = 4;
        QCOMPARE(findOrAddDirectionSurface(study, request), index + 1);
        QCOMPARE(study.planes[index + 1].id, std::string("surface-1"));
        const std::string csv = planeCsv(study.planes[index]); // push_back moved `surface`
        QVERIFY(csv.find("model:bert-seed2") != std::string::npos);
        QVERIFY(csv.find("model:,") == std::string::npos);
    }

    void oneDimensionalSurfaceIsTheCentreRowOfTheTwoDimensionalOne() {
        Study line = m_study, full = m_study;
        DirectionSurfaceRequest request;
        request.model = "bert-seed1";
        request.resolution = 7;
        request.directions = {9, BiasTreatment::Keep};
        const size_t a = findOrAddDirectionSurface(line, request);
        const size_t b = findOrAddDirectionSurface(full, request);
        {
            StudySession session(line, {});
            computeDirectionSurface(line, session, a, 1, {});
        }
        {
            StudySession session(full, {});
            computeDirectionSurface(full, session, b, 2, {});
        }
        const DirectionLine one = directionLine(line.planes[a]);
        const DirectionLine two = directionLine(full.planes[b]);
        QCOMPARE(one.x.size(), size_t(7));
        for (size_t k = 0; k < 7; ++k)
            QVERIFY(std::abs(one.x[k] - (-1.0 + double(k) / 3)) < 1e-15);
        QCOMPARE(one.x[3], 0.0); // the model itself
        QCOMPARE(one.loss, two.loss);
        int64_t computed = 0;
        for (double v : line.planes[a].loss)
            computed += std::isnan(v) ? 0 : 1;
        QCOMPARE(computed, int64_t(7)); // only the line
        // The 2D computation resumes from the line and fills in the rest.
        {
            StudySession session(line, {});
            computeDirectionSurface(line, session, a, 2, {});
        }
        QCOMPARE(line.planes[a].loss, full.planes[b].loss);
        QVERIFY(directionLineCsv(line.planes[a]).starts_with("x,loss,metric\n-1,"));
    }

    void cancelledSurfaceResumesToTheSameGrid() {
        Study full = m_study, resumed = m_study;
        DirectionSurfaceRequest request;
        request.model = "bert-seed1";
        request.resolution = 9;
        const size_t a = findOrAddDirectionSurface(full, request);
        const size_t b = findOrAddDirectionSurface(resumed, request);
        {
            StudySession session(full, {});
            computeDirectionSurface(full, session, a, 2, {});
        }
        {
            StudySession session(resumed, {});
            int reports = 0;
            JobHooks hooks;
            hooks.progress =
                Progress([&](int64_t, int64_t, const std::string&) { return ++reports < 15; });
            QVERIFY_THROWS_EXCEPTION(Cancelled,
                                     computeDirectionSurface(resumed, session, b, 2, hooks));
            computeDirectionSurface(resumed, session, b, 2, {});
        }
        QCOMPARE(resumed.planes[b].loss, full.planes[a].loss);
    }

    void surfaceSurvivesTheStudyFile() {
        Study study = m_study;
        DirectionSurfaceRequest request;
        request.model = "bert-seed2";
        request.resolution = 3;
        request.range = 2;
        request.directions = {(uint64_t(1) << 62) + 17, BiasTreatment::Keep};
        const size_t index = findOrAddDirectionSurface(study, request);
        {
            StudySession session(study, {});
            computeDirectionSurface(study, session, index, 1, {});
        }
        const fs::path file = fs::path(m_dir.path().toStdString()) / "surface.h5";
        writeStudy(study, file);
        Study back = readStudy(file);
        back.validate();
        QCOMPARE(back.planes.size(), size_t(1));
        const PlaneResult& surface = back.planes[0];
        QVERIFY(surface.directions.has_value());
        QVERIFY(*surface.directions == request.directions);
        QCOMPARE(surface.models, (std::vector<std::string>{"bert-seed2", "", ""}));
        QCOMPARE(surface.xMin, -2.0);
        QCOMPARE(surface.yMax, 2.0);
        QCOMPARE(directionLine(surface).loss, directionLine(study.planes[index]).loss);
        // Recomputing from the stored seed finds the stored surface (nothing is left to do).
        QCOMPARE(findOrAddDirectionSurface(back, request), size_t(0));
    }

    void invalidRequestsAreRefused() {
        Study study = m_study;
        DirectionSurfaceRequest request;
        request.model = "bert-seed1";
        request.resolution = 8; // even: the model would not be a grid point
        QVERIFY_THROWS_EXCEPTION(Error, findOrAddDirectionSurface(study, request));
        request.resolution = 9;
        request.model = "nobody";
        QVERIFY_THROWS_EXCEPTION(Error, findOrAddDirectionSurface(study, request));
        request.model = "bert-seed1";
        request.range = 0;
        QVERIFY_THROWS_EXCEPTION(Error, findOrAddDirectionSurface(study, request));
        QVERIFY(study.planes.empty());
        QVERIFY_THROWS_EXCEPTION(Error, parseBiasTreatment("maybe"));
    }
};

QTEST_GUILESS_MAIN(TestDirections)
#include "test_directions.moc"
