// The principal-component plane of a training run (Li et al. 2018), checked against an SVD of
// the zoo's real checkpoints computed here by other means, and the surface over it.
#include "core/common/error.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/jobs/trajectory_job.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/plane_geometry.h"
#include "core/landscape/trajectory_pca.h"
#include "core/study/plane_export.h"
#include "core/study/study_store.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <Eigen/SVD>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bs;
namespace fs = std::filesystem;

namespace {

const char* kRun = "natural-seed-1";

// A flat float vector as an Eigen row in double.
Eigen::RowVectorXd row(const at::Tensor& flat) {
    const at::Tensor d = flat.to(at::kDouble).contiguous();
    return Eigen::Map<const Eigen::RowVectorXd>(d.data_ptr<double>(), d.numel());
}

} // namespace

class TestTrajectory : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_zoo;
    Study m_study;

private slots:
    void initTestCase() {
        m_zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        QVERIFY2(fs::exists(m_zoo / kRun / "checkpoint-250"), "the committed zoo is missing");
        NewStudyOptions options;
        // The final model last on purpose: the run is found by its tags, not by study order.
        for (const char* step : {"checkpoint-750", "checkpoint-250", "checkpoint-500"})
            options.models.push_back((m_zoo / kRun / step).string());
        options.models.push_back((m_zoo / kRun).string());
        options.models.push_back((m_zoo / "balanced-seed-2").string());
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (m_zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=24,sampling=random,seed=3",
                                  DatasetRole::Surface));
        m_study = buildStudy(options);
    }

    void runModelsAreTheCheckpointsByStepAndTheFinalModel() {
        const RunModels run = runModels(m_study, kRun);
        QCOMPARE(run.final, std::string(kRun));
        QCOMPARE(run.checkpoints, (std::vector<std::string>{"natural-seed-1/checkpoint-250",
                                                            "natural-seed-1/checkpoint-500",
                                                            "natural-seed-1/checkpoint-750"}));
        // A model without checkpoints has no trajectory; the error names the runs that do.
        try {
            runModels(m_study, "balanced-seed-2");
            QFAIL("a run without checkpoints was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("'natural-seed-1'") != std::string::npos, e.what());
        }
    }

    void componentsAndVariancesMatchAnIndependentSvd() {
        StudySession session(m_study, {});
        const RunModels run = runModels(m_study, kRun);
        const at::Tensor final = session.cache().get(m_study.modelIndex(run.final));
        std::vector<at::Tensor> checkpoints;
        for (const std::string& name : run.checkpoints)
            checkpoints.push_back(session.cache().get(m_study.modelIndex(name)));
        QElapsedTimer timer;
        timer.start();
        const TrajectoryPca pca = trajectoryPca(checkpoints, final);
        const double seconds = timer.elapsed() / 1000.0;

        // The reference: the centred matrix of the rows (checkpoint - final) and the final's
        // zero row, decomposed by Eigen's one-sided Jacobi SVD (no Gram matrix, no LibTorch).
        const int64_t k = static_cast<int64_t>(checkpoints.size()) + 1;
        const Eigen::RowVectorXd f = row(final);
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(k, f.size());
        for (int64_t c = 0; c + 1 < k; ++c)
            m.row(c) = row(checkpoints[size_t(c)]) - f;
        const Eigen::MatrixXd centred = m.rowwise() - m.colwise().mean();
        const Eigen::JacobiSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinV);
        const Eigen::VectorXd s2 = svd.singularValues().array().square();
        qInfo("%lld parameters, %lld rows: PCA %.3f s; singular values %.6g %.6g %.6g, "
              "explained %.6f %.6f (reference %.6f %.6f)",
              static_cast<long long>(f.size()), static_cast<long long>(k), seconds,
              svd.singularValues()(0), svd.singularValues()(1), svd.singularValues()(2),
              pca.explainedVariance[0], pca.explainedVariance[1], s2(0) / s2.sum(),
              s2(1) / s2.sum());
        // Three checkpoints and the final span three dimensions: the two axes do not explain
        // everything, so the ratios are a real check.
        QVERIFY(s2(2) / s2.sum() > 1e-4);
        for (int axis = 0; axis < 2; ++axis) {
            const double want = s2(axis) / s2.sum();
            QVERIFY2(std::abs(pca.explainedVariance[size_t(axis)] - want) <= 1e-10,
                     qPrintable(QString("axis %1: %2 vs %3")
                                    .arg(axis)
                                    .arg(pca.explainedVariance[size_t(axis)], 0, 'g', 17)
                                    .arg(want, 0, 'g', 17)));
            const Eigen::RowVectorXd reference = svd.matrixV().col(axis).transpose();
            const Eigen::RowVectorXd ours = row(axis == 0 ? pca.u : pca.v);
            const double sign = ours.dot(reference) < 0 ? -1.0 : 1.0;
            // The components are stored in the models' float32: 1e-6 of a unit vector.
            const double difference = (ours - sign * reference).norm();
            QVERIFY2(difference <= 1e-6,
                     qPrintable(QString("axis %1: |u - v_svd| = %2").arg(axis).arg(difference)));
            // Projections of (checkpoint - final) onto the reference component.
            const std::vector<double>& coordinates = axis == 0 ? pca.x : pca.y;
            QCOMPARE(coordinates.size(), checkpoints.size());
            double farthest = 0;
            for (int64_t c = 0; c + 1 < k; ++c) {
                const double want = sign * m.row(c).dot(reference);
                QVERIFY2(std::abs(coordinates[size_t(c)] - want) <=
                             1e-9 * std::max(1.0, std::abs(want)),
                         qPrintable(QString("axis %1 checkpoint %2: %3 vs %4")
                                        .arg(axis)
                                        .arg(c)
                                        .arg(coordinates[size_t(c)], 0, 'g', 17)
                                        .arg(want, 0, 'g', 17)));
                if (std::abs(coordinates[size_t(c)]) > std::abs(farthest))
                    farthest = coordinates[size_t(c)];
            }
            QVERIFY(farthest > 0); // the sign convention: the farthest checkpoint is positive
            qInfo("axis %d: |u - v_svd| = %.2e, projections %.6g %.6g %.6g", axis, difference,
                  coordinates[0], coordinates[1], coordinates[2]);
        }
        QVERIFY(std::abs(flatDot(pca.u, pca.v)) <= 1e-6);
        // Too few checkpoints, or checkpoints that span only a line (here: the same one
        // twice), are refused.
        QVERIFY_THROWS_EXCEPTION(Error, trajectoryPca({checkpoints[0]}, final));
        QVERIFY_THROWS_EXCEPTION(Error, trajectoryPca({checkpoints[0], checkpoints[0]}, final));
    }

    void surfaceCentreIsTheFinalModelAndGridPointsAreOnThePlane() {
        Study study = m_study;
        TrajectorySurfaceRequest request;
        request.run = kRun;
        request.resolution = 5;
        const size_t index = findOrAddTrajectorySurface(study, request);
        QCOMPARE(study.planes[index].id, std::string("trajectory-0"));
        StudySession session(study, {});
        QElapsedTimer timer;
        timer.start();
        computeTrajectorySurface(study, session, index, {});
        qInfo("5x5 trajectory surface on %zu examples: %.2f s", study.datasets[0].sampleRows.size(),
              timer.elapsed() / 1000.0);
        const PlaneResult& surface = study.planes[index];
        const TrajectoryAxes& axes = *surface.trajectory;
        QCOMPARE(surface.rowsDone, int64_t(5));
        // The grid covers every projected checkpoint and the final model.
        for (size_t c = 0; c < axes.models.size(); ++c) {
            QVERIFY(axes.x[c] > surface.xMin && axes.x[c] < surface.xMax);
            QVERIFY(axes.y[c] > surface.yMin && axes.y[c] < surface.yMax);
        }
        QVERIFY(surface.xMin < 0 && surface.xMax > 0 && surface.yMin < 0 && surface.yMax > 0);
        QVERIFY(axes.explainedVariance[0] >= axes.explainedVariance[1]);
        QVERIFY(axes.explainedVariance[0] + axes.explainedVariance[1] <= 1 + 1e-12);

        // The final model's value is its own evaluation.
        const int64_t final = study.modelIndex(kRun);
        session.space().set(session.cache().get(final));
        const double own = session.evaluator(0).evaluate(session.space().model()).loss;
        QVERIFY(std::abs(surface.modelLoss[0] - own) <= 1e-5);

        // A corner recomputed from freshly computed components: final + x u + y v.
        std::vector<at::Tensor> checkpoints;
        for (const std::string& name : axes.models)
            checkpoints.push_back(session.cache().get(study.modelIndex(name)));
        const TrajectoryPca pca = trajectoryPca(checkpoints, session.cache().get(final));
        QCOMPARE(pca.x, axes.x);
        session.space().set(session.cache().get(final) + pca.u * surface.xMax +
                            pca.v * surface.yMin); // column 4, row 0
        const double corner = session.evaluator(0).evaluate(session.space().model()).loss;
        QVERIFY2(std::abs(surface.loss[4] - corner) <= 1e-5 * std::max(1.0, corner),
                 qPrintable(QString("%1 vs %2").arg(surface.loss[4]).arg(corner)));
        QVERIFY(surface.loss[4] != surface.loss[12]);

        const std::string csv = planeCsv(surface);
        QVERIFY(csv.find("model:natural-seed-1,0,0,") != std::string::npos);
        QVERIFY(csv.find("checkpoint:natural-seed-1/checkpoint-250,") != std::string::npos);
        QCOMPARE(findOrAddTrajectorySurface(study, request), index);
        request.resolution = 7;
        QCOMPARE(findOrAddTrajectorySurface(study, request), index + 1);
    }

    void cancelledSurfaceResumesAndSurvivesTheStudyFile() {
        Study full = m_study, resumed = m_study;
        TrajectorySurfaceRequest request;
        request.run = kRun;
        request.resolution = 7;
        const size_t a = findOrAddTrajectorySurface(full, request);
        const size_t b = findOrAddTrajectorySurface(resumed, request);
        {
            StudySession session(full, {});
            computeTrajectorySurface(full, session, a, {});
        }
        const fs::path file = fs::path(m_dir.path().toStdString()) / "trajectory.h5";
        {
            StudySession session(resumed, {});
            int reports = 0;
            JobHooks hooks;
            hooks.progress =
                Progress([&](int64_t, int64_t, const std::string&) { return ++reports < 12; });
            QVERIFY_THROWS_EXCEPTION(Cancelled,
                                     computeTrajectorySurface(resumed, session, b, hooks));
            QVERIFY(completePlaneRows(resumed.planes[b]) < 7);
            writeStudy(resumed, file); // what a cancelled command leaves
        }
        Study back = readStudy(file);
        back.validate();
        QCOMPARE(back.planes.size(), size_t(1));
        QVERIFY(back.planes[0].trajectory.has_value());
        QVERIFY(*back.planes[0].trajectory == *resumed.planes[b].trajectory);
        QCOMPARE(findOrAddTrajectorySurface(back, request), size_t(0));
        {
            StudySession session(back, {});
            computeTrajectorySurface(back, session, 0, {});
        }
        QCOMPARE(back.planes[0].loss, full.planes[a].loss);
        QCOMPARE(back.planes[0].xMax, full.planes[a].xMax);
        QVERIFY(*back.planes[0].trajectory == *full.planes[a].trajectory);
        // Removing a checkpoint from the study removes the surface that depends on it.
        std::vector<ModelEntry> kept;
        for (const ModelEntry& m : back.models)
            if (m.name != "natural-seed-1/checkpoint-500")
                kept.push_back(m);
        back.setModels(kept);
        QVERIFY(back.planes.empty());
    }
};

QTEST_GUILESS_MAIN(TestTrajectory)
#include "test_trajectory.moc"
