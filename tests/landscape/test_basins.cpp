// Clustering a study by CG and the sharpness baseline: plumbing, determinism, monotonicity.
#include "core/common/error.h"
#include "core/jobs/cluster_job.h"
#include "core/jobs/sharpness_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/study/derived_matrices.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bs;
namespace fs = std::filesystem;

class TestBasins : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Study m_study;

    SharpnessOptions quick(double epsilon) const {
        SharpnessOptions o;
        o.epsilon = epsilon;
        o.steps = 30;
        o.learningRate = 0.01;
        o.batchSize = 8;
        o.accumulate = 1;
        o.evaluateEvery = 10;
        return o;
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = m_dir.path().toStdString();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string(),
                          test::writeBlendedModel(dir / "near-1", 0.1, 0.01, 1).string(),
                          test::writeBlendedModel(dir / "near-2", 0.9, 0.01, 2).string()};
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.datasets.push_back(test::fixtureHansDataset());
        options.points = 5;
        options.modelLabelNames = test::nliLabels();
        m_study = buildStudy(options);
        StudySession session(m_study, {});
        computeCurves(m_study, session, allPairs(4), {});
    }

    void clusteringIsStoredWithItsScore() {
        Study study = m_study;
        ClusterRequest request; // CG on the surface set, k = 2
        request.medianDelta = true;
        const ClusteringResult result = clusterModels(study, request);
        QCOMPARE(result.id, std::string("cg-mnli-k2"));
        QCOMPARE(result.models.size(), size_t(4));
        QCOMPARE(result.score.size(), size_t(4));
        QCOMPARE(result.embedding.rows, int64_t(4));
        for (int64_t label : result.labels)
            QVERIFY(label == 0 || label == 1);
        // Deterministic: the same request gives the same clustering.
        const ClusteringResult again = clusterModels(study, request);
        QCOMPARE(again.labels, result.labels);
        QCOMPARE(again.score, result.score);
        QCOMPARE(storeClustering(study, result), size_t(0));
        QCOMPARE(storeClustering(study, again), size_t(0)); // replaced, not added
        const Regression r = scoreRegression(study, study.clusterings[0], "hans.accuracy");
        QCOMPARE(r.n, int64_t(4));
        QVERIFY_THROWS_EXCEPTION(Error, modelColumn(study, "nope.accuracy"));
    }

    void missingPairsLeaveModelsOut() {
        Study study = m_study;
        CurveSet& curves = study.curves.at("mnli");
        for (int64_t k = 0; k < curves.points; ++k) {
            curves.loss[curves.index(0, 1, k)] = std::nan("");
            curves.loss[curves.index(1, 0, k)] = std::nan("");
        }
        updateAllMatrices(study);
        const ClusteringResult result = clusterModels(study, {});
        QCOMPARE(result.models.size(), size_t(3));
    }

    void sharpnessIsReproducibleNonNegativeAndGrowsWithEpsilon() {
        Study study = m_study;
        StudySession session(study, {});
        std::vector<double> values;
        for (double epsilon : {1e-3, 1e-2, 5e-2}) {
            SharpnessRequest request{"bert-seed1", "", quick(epsilon)};
            const double first = computeSharpness(study, session, request, {}).value;
            const double second = computeSharpness(study, session, request, {}).value;
            QCOMPARE(first, second);
            QVERIFY(first >= 0);
            values.push_back(first);
        }
        qInfo("sharpness of bert-seed1 at eps 1e-3, 1e-2, 5e-2: %g, %g, %g", values[0], values[1],
              values[2]);
        QVERIFY(values[0] < values[1]);
        QVERIFY(values[1] < values[2]);
        QCOMPARE(study.sharpness.size(), size_t(3)); // repeated runs replaced, not added
        QVERIFY(std::isfinite(modelColumn(study, "sharpness.mnli")[0]));
    }
};

QTEST_GUILESS_MAIN(TestBasins)
#include "test_basins.moc"
