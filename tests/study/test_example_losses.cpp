// Per-example losses kept beside a study, and bootstrap intervals from them against an
// independent resampling written out here.
#include "core/analysis/barriers.h"
#include "core/analysis/random.h"
#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/jobs/bootstrap_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/jobs/subset_job.h"
#include "core/study/example_loss_store.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace bs;
namespace fs = std::filesystem;

namespace {

NewStudyOptions threeModels(const fs::path& dir) {
    NewStudyOptions options;
    options.models = {test::fixtureModel("bert-seed1").string(),
                      test::fixtureModel("bert-seed2").string(),
                      test::writeBlendedModel(dir / "blend", 0.4, 0.03, 5).string()};
    options.datasets = {test::fixtureSurfaceDataset(), test::fixtureHansDataset()};
    options.points = 5;
    options.modelLabelNames = test::nliLabels();
    return options;
}

std::string bytesOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// numpy.percentile's default (linear) written out independently of the code under test.
double linearPercentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double h = (static_cast<double>(v.size()) - 1.0) * q;
    const double lo = std::floor(h);
    const double hi = std::min(lo + 1.0, static_cast<double>(v.size()) - 1.0);
    return v[static_cast<size_t>(lo)] +
           (h - lo) * (v[static_cast<size_t>(hi)] - v[static_cast<size_t>(lo)]);
}

} // namespace

class TestExampleLosses : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_file;
    Study m_study;

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        const fs::path dir = m_dir.path().toStdString();
        m_file = dir / "study.h5";
        m_study = buildStudy(threeModels(dir));
        StudySession session(m_study, {});
        ExampleLossStore store(m_file, m_study, true);
        JobHooks hooks;
        hooks.exampleLosses = &store;
        computeCurves(m_study, session, allPairs(3), hooks);
        QCOMPARE(store.pairsStored(), int64_t(3));
        QCOMPARE(store.modelsStored(), int64_t(3));
    }

    // The mean of the stored per-example losses is the stored loss, at every point.
    void meanOfExamplesIsTheLoss() {
        const ExampleLossStore store(m_file, m_study, false);
        double worst = 0;
        for (size_t d = 0; d < m_study.datasets.size(); ++d) {
            const CurveSet& curves = m_study.curves.at(m_study.datasets[d].name);
            for (const auto& [i, j] : allPairs(3)) {
                const auto losses = store.readPair(d, i, j);
                QCOMPARE(static_cast<int64_t>(losses.size()), m_study.points);
                const auto curve = curves.lossCurve(i, j);
                for (size_t k = 0; k < losses.size(); ++k) {
                    double sum = 0;
                    for (const float v : losses[k]) {
                        QVERIFY(std::isfinite(v) && v >= 0);
                        sum += v;
                    }
                    const double mean = sum / static_cast<double>(losses[k].size());
                    worst = std::max(worst, std::abs(mean - curve[k]) / curve[k]);
                }
            }
        }
        qInfo("mean of per-example losses vs stored loss: worst relative %.3g", worst);
        QVERIFY(worst <= 1e-6); // float32 values of a float32 computation
    }

    // A cancelled run leaves its pair unmarked; the rerun completes the store with the same bytes
    // as the uninterrupted run; pairs computed before the store existed are computed again for it
    // and the study's values do not change.
    void resumeAndBackfillGiveTheSameBytes() {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "again";
        fs::create_directories(dir);
        const fs::path file = dir / "study.h5";
        Study study = m_study; // curves complete, no store yet: every pair is backfilled
        StudySession session(study, {});
        ExampleLossStore store(file, study, true);
        CancelToken token;
        int64_t reports = 0;
        JobHooks hooks;
        hooks.exampleLosses = &store;
        hooks.progress = Progress(
            [&](int64_t, int64_t, const std::string&) {
                if (++reports == 12)
                    token.cancel();
                return true;
            },
            token);
        QVERIFY_THROWS_EXCEPTION(Cancelled, computeCurves(study, session, allPairs(3), hooks));
        QVERIFY(store.pairsStored() < 3);
        hooks.progress = Progress();
        computeCurves(study, session, allPairs(3), hooks);
        QCOMPARE(store.pairsStored(), int64_t(3));
        for (const DatasetEntry& d : study.datasets) {
            const auto& again = study.curves.at(d.name).loss;
            const auto& first = m_study.curves.at(d.name).loss;
            QCOMPARE(again.size(), first.size());
            for (size_t x = 0; x < again.size(); ++x) // NaN on the diagonal in both
                QVERIFY(again[x] == first[x] || (std::isnan(again[x]) && std::isnan(first[x])));
            for (const char* kind : {".models.f32", ".pairs.f32"})
                QVERIFY(bytesOf(ExampleLossStore::folderOf(file) / (d.name + kind)) ==
                        bytesOf(ExampleLossStore::folderOf(m_file) / (d.name + kind)));
        }
    }

    void anotherLayoutIsRefusedByName() {
        Study other = m_study;
        other.points = 7;
        try {
            ExampleLossStore store(m_file, other, false);
            QFAIL("a store laid out for 5 points opened for 7");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(ExampleLossStore::folderOf(m_file).string()) !=
                         std::string::npos,
                     e.what());
        }
        const fs::path none = fs::path(m_dir.path().toStdString()) / "none.h5";
        QVERIFY_THROWS_EXCEPTION(Error, ExampleLossStore(none, m_study, false));
        QVERIFY(!fs::exists(ExampleLossStore::folderOf(none)));
    }

    // Intervals equal a resampling written out here with the same seed: E draws per resample
    // from one Rng stream, mean curves, barrier metrics, linear percentiles.
    void intervalsMatchAnIndependentResampling() {
        const ExampleLossStore store(m_file, m_study, false);
        BootstrapRequest request;
        request.dataset = "hans";
        request.options.resamples = 200;
        request.options.seed = 17;
        request.options.level = 0.9;
        request.cluster.k = 2;
        const BootstrapResult result = computeBootstrap(m_study, store, request);
        QVERIFY(result.complete);
        QCOMPARE(result.pairs, int64_t(3));
        const size_t d = 1;
        const int64_t e = store.examples(d);
        // The resampled example indices, as documented.
        Rng rng(17);
        std::vector<std::vector<int64_t>> draws(200);
        for (auto& draw : draws)
            for (int64_t n = 0; n < e; ++n)
                draw.push_back(static_cast<int64_t>(rng.below(static_cast<uint64_t>(e))));
        double worst = 0;
        for (const auto& [i, j] : allPairs(3)) {
            const auto losses = store.readPair(d, i, j);
            std::vector<double> bh, cg;
            for (const auto& draw : draws) {
                std::vector<double> curve;
                for (const auto& point : losses) {
                    double sum = 0;
                    for (const int64_t x : draw)
                        sum += point[static_cast<size_t>(x)];
                    curve.push_back(sum / static_cast<double>(e));
                }
                bh.push_back(barrierHeight(curve));
                cg.push_back(convexityGap(curve));
            }
            for (const auto& [values, matrix] :
                 {std::pair{&bh, &result.barrierHeight}, std::pair{&cg, &result.convexityGap}}) {
                const double lo = linearPercentile(*values, 0.05);
                const double hi = linearPercentile(*values, 0.95);
                worst =
                    std::max({worst, std::abs(lo - matrix->low(i, j)),
                              std::abs(hi - matrix->high(i, j)), std::abs(lo - matrix->low(j, i))});
                QVERIFY(matrix->low(i, j) <= matrix->high(i, j));
            }
        }
        qInfo("intervals against the independent resampling: max |diff| %.3g", worst);
        QVERIFY(worst <= 1e-9);
        QVERIFY(std::isnan(result.convexityGap.low(0, 0)));

        const ClusterStability& s = result.stability;
        QVERIFY2(s.skipped.empty(), s.skipped.c_str());
        QCOMPARE(s.keep.size(), s.clustering.models.size());
        for (const double k : s.keep)
            QVERIFY(k >= 0.0 && k <= 1.0);
        // Resamples in blocks of one (each block reads the pairs again): the same fractions.
        request.stabilityBytes = 1;
        const BootstrapResult blocks = computeBootstrap(m_study, store, request);
        QCOMPARE(blocks.stability.keep, s.keep);
        QCOMPARE(blocks.stability.clustering.labels, s.clustering.labels);
        const std::string csv = bootstrapCsv(m_study, result);
        QCOMPARE(static_cast<int>(std::count(csv.begin(), csv.end(), '\n')), 1 + 3 * 4);
    }

    // A subset's curves are the means over its examples of the stored per-example losses.
    void subsetMetricsComeFromTheStoredLosses() {
        const ExampleLossStore store(m_file, m_study, false);
        SubsetRequest request;
        request.dataset = "hans";
        request.where = {{"label", "entailment"}};
        const SubsetResult r = computeSubsetMatrices(m_study, store, request);
        const DatasetEntry& entry = m_study.datasets[1];
        const Dataset hans = loadDataset(parseDatasetSpec(entry.spec));
        std::vector<int64_t> expected;
        for (size_t e = 0; e < hans.examples.size(); ++e)
            if (entry.labelNames[static_cast<size_t>(hans.examples[e].label)] == "entailment")
                expected.push_back(static_cast<int64_t>(e));
        QVERIFY(!expected.empty() && expected.size() < hans.examples.size());
        QCOMPARE(r.examples, expected);
        QCOMPARE(r.pairs, int64_t(3));
        for (const auto& [i, j] : allPairs(3)) {
            std::vector<double> curve;
            for (const auto& point : store.readPair(1, i, j)) {
                double sum = 0;
                for (const int64_t e : expected)
                    sum += point[static_cast<size_t>(e)];
                curve.push_back(sum / static_cast<double>(expected.size()));
            }
            QCOMPARE(r.matrices.convexityGap(i, j), convexityGap(curve));
            QCOMPARE(r.matrices.barrierHeight(j, i), barrierHeight(curve));
        }
        request.where = {{"no-such-column", "x"}};
        try {
            computeSubsetMatrices(m_study, store, request);
            QFAIL("an unknown column was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("no-such-column") != std::string::npos, e.what());
        }
        request.where = {{"label", "no-such-label"}};
        QVERIFY_THROWS_EXCEPTION(Error, computeSubsetMatrices(m_study, store, request));
    }

    void labelsAreAlignedByTheBestPermutation() {
        QCOMPARE(alignLabels({1, 1, 0, 0, 2}, {0, 0, 1, 1, 2}, 3),
                 (std::vector<int64_t>{0, 0, 1, 1, 2}));
        QCOMPARE(alignLabels({0, 1, 1}, {1, 0, 0}, 2), (std::vector<int64_t>{1, 0, 0}));
    }
};

QTEST_GUILESS_MAIN(TestExampleLosses)
#include "test_example_losses.moc"
