// Curves between two zoo models with a linear barrier (Garipov et al. 2018): the trained curve
// avoids the barrier, its ends are the models bit for bit, and training is seeded.
#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"
#include "core/jobs/curve_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/curve_path.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstring>

using namespace bs;
namespace fs = std::filesystem;

namespace {

bool sameBytes(const at::Tensor& x, const at::Tensor& y) {
    return x.numel() == y.numel() && x.scalar_type() == y.scalar_type() &&
           std::memcmp(x.contiguous().data_ptr(), y.contiguous().data_ptr(), x.nbytes()) == 0;
}

// Exact equality, NaN == NaN (an undefined metric stays NaN).
bool sameDoubles(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

double maximum(const std::vector<double>& values) {
    return *std::max_element(values.begin(), values.end());
}

} // namespace

class TestCurve : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_zoo;
    Study m_study;
    CurveRequest m_request;

private slots:
    void initTestCase() {
        m_zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        QVERIFY2(fs::exists(m_zoo / "natural-seed-1" / "model.safetensors"),
                 "the committed zoo is missing");
        // The demo study's pair with the largest barrier of natural-seed-1 on dev.
        NewStudyOptions options;
        options.models = {(m_zoo / "natural-seed-1").string(),
                          (m_zoo / "balanced-seed-2").string()};
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (m_zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=64,sampling=random,seed=1",
                                  DatasetRole::Surface));
        options.points = 8;
        m_study = buildStudy(options);
        m_request.first = "natural-seed-1";
        m_request.second = "balanced-seed-2";
        m_request.trainSpec = (m_zoo / "data" / "train_natural.tsv").string() +
                              ":cola:samples=512,sampling=random,seed=2";
        m_request.training.steps = 60;
        m_request.training.learningRate = 1e-3;
        m_request.training.seed = 7;
    }

    void curveWeightsAndEnds() {
        const at::Tensor a = at::randn({1000}, at::kFloat), b = at::randn({1000}, at::kFloat);
        const at::Tensor c = at::randn({1000}, at::kFloat);
        for (CurveKind kind : {CurveKind::Bezier, CurveKind::Polychain}) {
            for (double t : {0.0, 0.1, 0.5, 0.7, 1.0}) {
                const auto w = curveWeights(kind, t);
                QVERIFY(std::abs(w[0] + w[1] + w[2] - 1) < 1e-15);
            }
            QVERIFY(sameBytes(curvePoint(kind, a, c, b, 0.0), a));
            QVERIFY(sameBytes(curvePoint(kind, a, c, b, 1.0), b));
            // With the straight control point both kinds are the line a -> b, at alpha = t.
            const at::Tensor straight = straightControl(kind, a, b);
            const at::Tensor p = curvePoint(kind, a, straight, b, 0.3);
            QVERIFY(at::allclose(p, a * 0.7 + b * 0.3, 1e-6, 1e-6));
        }
        // The polychain's middle is its control point.
        QVERIFY(sameBytes(curvePoint(CurveKind::Polychain, a, c, b, 0.5), c));
        QVERIFY_THROWS_EXCEPTION(Error, parseCurveKind("spline"));
    }

    void trainedCurveAvoidsTheLinearBarrierWithFixedEnds() {
        StudySession session(m_study, {});
        const at::Tensor a = session.cache().get(0).clone();
        const at::Tensor b = session.cache().get(1).clone();
        CurveRequest request = m_request;
        request.saveTo = fs::path(m_dir.path().toStdString()) / "control";
        QElapsedTimer timer;
        timer.start();
        const CurveResult r = computeCurve(m_study, session, request);
        const double seconds = timer.elapsed() / 1000.0;
        const CurveComparison& dev = r.datasets.at(0);
        qInfo("60 steps on %lld examples and 2 x 8 points on 64 dev rows: %.1f s; line max %.6f "
              "(BH %.6f), curve max %.6f (BH %.6f); training loss %.4f -> %.4f",
              static_cast<long long>(r.trainingExamples), seconds, maximum(dev.lineLoss),
              dev.line.barrierHeight, maximum(dev.curveLoss), dev.curve.barrierHeight,
              r.training.batchLosses.front(), r.training.batchLosses.back());
        QCOMPARE(r.t.size(), size_t(8));
        QCOMPARE(r.training.batchLosses.size(), size_t(60));
        // The pair has a real barrier on the line, and the curve goes around it.
        QVERIFY(dev.line.barrierHeight > 0.5);
        QVERIFY2(maximum(dev.curveLoss) < maximum(dev.lineLoss),
                 qPrintable(QString("curve max %1, line max %2")
                                .arg(maximum(dev.curveLoss))
                                .arg(maximum(dev.lineLoss))));
        // The ends are the models: same losses, and the models untouched in memory and on disk.
        QCOMPARE(dev.curveLoss.front(), dev.lineLoss.front());
        QCOMPARE(dev.curveLoss.back(), dev.lineLoss.back());
        QVERIFY(sameBytes(session.cache().get(0), a));
        QVERIFY(sameBytes(session.cache().get(1), b));
        StudySession fresh(m_study, {});
        QVERIFY(sameBytes(fresh.cache().get(0), a));
        QVERIFY(sameBytes(fresh.cache().get(1), b));
        QVERIFY(!sameBytes(r.training.control, straightControl(CurveKind::Bezier, a, b)));

        // The saved control point is the trained one, with its recipe.
        const auto reader = CheckpointReader::open(request.saveTo);
        QVERIFY(sameBytes(fresh.space().load(*reader), r.training.control));
        const SafetensorsFile weights(request.saveTo / "model.safetensors");
        QCOMPARE(weights.metadata().at("basinscope_curve_endpoints"),
                 std::string("natural-seed-1,balanced-seed-2"));
        QCOMPARE(weights.metadata().at("basinscope_curve_kind"), std::string("bezier"));
        QVERIFY(curveComparisonCsv(r).starts_with(
            "dataset,t,line_loss,line_metric,curve_loss,curve_metric\ndev,0,"));
        // A folder that already holds a model is not overwritten.
        QVERIFY_THROWS_EXCEPTION(Error, computeCurve(m_study, session, request));
    }

    void trainingIsDeterministicForASeed() {
        StudySession session(m_study, {});
        CurveRequest request = m_request;
        request.training.steps = 12;
        request.training.kind = CurveKind::Polychain;
        const CurveResult first = computeCurve(m_study, session, request);
        const CurveResult again = computeCurve(m_study, session, request);
        QVERIFY(sameBytes(first.training.control, again.training.control));
        QCOMPARE(first.training.t, again.training.t);
        QCOMPARE(first.training.batchLosses, again.training.batchLosses);
        QCOMPARE(first.datasets[0].curveLoss, again.datasets[0].curveLoss);
        request.training.seed += 1;
        const CurveResult other = computeCurve(m_study, session, request);
        QVERIFY(!sameBytes(first.training.control, other.training.control));
        QVERIFY(first.training.t != other.training.t);
    }

    // Stored curves: a run cancelled during training or after k evaluated points keeps what
    // finished in the study file, and a rerun continues (no training when it was finished) to
    // the values of an uninterrupted run, bit for bit.
    void storedCurveResumesAfterCancel() {
        CurveRequest request = m_request;
        request.training.steps = 6;
        const fs::path dir = m_dir.path().toStdString();
        // A smaller study than the others use: every run here trains and evaluates again.
        NewStudyOptions options;
        options.models = {(m_zoo / "natural-seed-1").string(),
                          (m_zoo / "balanced-seed-2").string()};
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (m_zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=16,sampling=random,seed=1",
                                  DatasetRole::Surface));
        options.points = 5;
        const Study small = buildStudy(options);
        // Runs the request on `file`; cancels at the `stopAt`-th save (0: never).
        const auto run = [&](const fs::path& file, int stopAt, bool cancelDuringTraining,
                             StoredCurveRun* out) {
            Study study = readStudy(file);
            StudySession session(study, {});
            StudyWriter writer(file);
            CancelToken token;
            int saves = 0;
            JobHooks hooks;
            hooks.progress = Progress(
                [&](int64_t done, int64_t, const std::string& message) {
                    return !(cancelDuringTraining && message == "curve training" && done == 3);
                },
                token);
            hooks.persist = [&](const StudyChange& change) {
                writer.save(study, change);
                if (++saves == stopAt)
                    token.cancel();
            };
            CurveRequest r = request;
            r.keepIn = file.string() + ".curves";
            try {
                *out = computeStoredCurve(study, session, r, hooks);
                return false;
            } catch (const Cancelled&) {
                return true;
            }
        };
        StoredCurveRun info;
        const fs::path whole = dir / "curve-whole.h5";
        writeStudy(small, whole);
        QVERIFY(!run(whole, 0, false, &info));
        QVERIFY(info.trained);
        QCOMPARE(info.pointsComputed, int64_t(5 + 3)); // the line, then the curve's inside
        const Study want = readStudy(whole);
        QCOMPARE(want.trainedCurves.size(), size_t(1));
        const TrainedCurve& w = want.trainedCurves[0];
        QVERIFY(fs::exists(fs::path(w.controlPoint) / "model.safetensors"));
        QVERIFY(std::isfinite(w.datasets[0].curve.barrierHeight));
        // The same request again: nothing to do.
        QVERIFY(!run(whole, 0, false, &info));
        QVERIFY(!info.trained);
        QCOMPARE(info.pointsComputed, int64_t(0));

        // The saves: the precision (recorded by the first computation), the trained curve, the
        // 5 line points, the curve's ends, its 3 inner points. Cut in the training, in the line
        // and in the curve.
        for (const auto& [stopAt, duringTraining] :
             {std::pair{0, true}, std::pair{3, false}, std::pair{9, false}}) {
            const fs::path file = dir / ("curve-cut-" + std::to_string(stopAt) + ".h5");
            writeStudy(small, file);
            QVERIFY(run(file, stopAt, duringTraining, &info));
            const Study cut = readStudy(file);
            QCOMPARE(cut.trainedCurves.size(), size_t(duringTraining ? 0 : 1));
            QVERIFY(!run(file, 0, false, &info));
            QCOMPARE(info.trained, duringTraining);
            const Study got = readStudy(file);
            QCOMPARE(got.trainedCurves.size(), size_t(1));
            const TrainedCurve& g = got.trainedCurves[0];
            QVERIFY(sameDoubles(g.trainingLosses, w.trainingLosses));
            for (size_t d = 0; d < w.datasets.size(); ++d) {
                QVERIFY(sameDoubles(g.datasets[d].lineLoss, w.datasets[d].lineLoss));
                QVERIFY(sameDoubles(g.datasets[d].lineMetric, w.datasets[d].lineMetric));
                QVERIFY(sameDoubles(g.datasets[d].curveLoss, w.datasets[d].curveLoss));
                QVERIFY(sameDoubles(g.datasets[d].curveMetric, w.datasets[d].curveMetric));
                QCOMPARE(g.datasets[d].curve.barrierHeight, w.datasets[d].curve.barrierHeight);
            }
            qInfo("cancelled %s: the rerun evaluated %lld points",
                  duringTraining ? "during training"
                                 : ("at save " + std::to_string(stopAt)).c_str(),
                  static_cast<long long>(info.pointsComputed));
        }
    }

    void invalidRequestsAreRefused() {
        StudySession session(m_study, {});
        CurveRequest request = m_request;
        request.second = request.first;
        QVERIFY_THROWS_EXCEPTION(Error, computeCurve(m_study, session, request));
        request = m_request;
        request.second = "nobody";
        QVERIFY_THROWS_EXCEPTION(Error, computeCurve(m_study, session, request));
        request = m_request;
        request.training.learningRate = 0;
        QVERIFY_THROWS_EXCEPTION(Error, computeCurve(m_study, session, request));
    }
};

QTEST_GUILESS_MAIN(TestCurve)
#include "test_curve.moc"
