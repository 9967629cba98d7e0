// Stored Hessian results: a run cancelled after k (model, group) units keeps them in the study
// file, and a rerun with the same settings computes only the rest, ending with the results of an
// uninterrupted run bit for bit; other settings replace a model's result.
#include "core/common/error.h"
#include "core/jobs/hessian_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// Exact equality, NaN == NaN.
bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

bool sameResults(const std::vector<HessianResult>& a, const std::vector<HessianResult>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].model != b[i].model || a[i].groups.size() != b[i].groups.size())
            return false;
        for (size_t g = 0; g < a[i].groups.size(); ++g) {
            const HessianValue &x = a[i].groups[g].value, &y = b[i].groups[g].value;
            if (a[i].groups[g].group != b[i].groups[g].group ||
                !same(x.eigenvalues, y.eigenvalues) ||
                !same(x.eigenvalueErrors, y.eigenvalueErrors) ||
                !same({x.trace, x.traceStandardError}, {y.trace, y.traceStandardError}) ||
                !(x.density == y.density))
                return false;
        }
    }
    return true;
}

} // namespace

class TestHessianResume : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Study m_study;
    HessianRequest m_request;

    fs::path path(const std::string& name) { return fs::path(m_dir.path().toStdString()) / name; }

    // Runs the request on the study in `file`, saving after each unit; `stopAfter` >= 0 cancels
    // once that many units were computed by this run. Returns the units computed.
    int run(const fs::path& file, int stopAfter, bool* cancelled) {
        Study study = readStudy(file);
        StudySession session(study, ComputeOptions{});
        StudyWriter writer(file);
        JobHooks hooks;
        CancelToken token;
        hooks.progress = Progress({}, token);
        hooks.persist = [&](const StudyChange& change) {
            writer.save(study, change);
        };
        int computed = 0;
        *cancelled = false;
        try {
            computeStoredHessians(study, session, m_request, hooks,
                                  [&](const ModelHessian&, bool stored) {
                                      if (!stored && ++computed == stopAfter)
                                          token.cancel();
                                  });
        } catch (const Cancelled&) {
            *cancelled = true;
        }
        return computed;
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
        // Four small units: two models, two groups; five products each (every product is a
        // double backward over the whole dataset, the cost of this test).
        m_request.groups = {"classifier.", "bert.pooler."};
        m_request.options.topK = 2;
        m_request.options.lanczosSteps = 2;
        m_request.options.traceSamples = 1;
        m_request.options.densityRuns = 1;
        m_request.options.densitySteps = 2;
        m_request.options.seed = 11;
    }

    void cancelledRunResumesToTheUninterruptedResult() {
        bool cancelled = false;
        writeStudy(m_study, path("whole.h5"));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(run(path("whole.h5"), -1, &cancelled), 4);
        qInfo("4 units of 5 Hessian-vector products: %.1f s", timer.elapsed() / 1000.0);
        QVERIFY(!cancelled);
        const Study whole = readStudy(path("whole.h5"));
        QCOMPARE(whole.hessians.size(), size_t(2));
        QCOMPARE(whole.hessians[0].groups.size(), size_t(2));
        QVERIFY(!whole.hessians[0].groups[0].value.density.empty());

        // Cut inside a model's groups and between models.
        for (int k : {1, 2}) {
            const fs::path file = path("cut-" + std::to_string(k) + ".h5");
            writeStudy(m_study, file);
            QCOMPARE(run(file, k, &cancelled), k);
            QVERIFY(cancelled);
            const Study cut = readStudy(file); // what the cancelled run left on disk
            size_t kept = 0;
            for (const HessianResult& r : cut.hessians)
                kept += r.groups.size();
            QCOMPARE(kept, size_t(k));
            QCOMPARE(run(file, -1, &cancelled), 4 - k); // only the rest
            QVERIFY(!cancelled);
            QVERIFY2(sameResults(readStudy(file).hessians, whole.hessians),
                     qPrintable(QString("resumed after %1 units differs").arg(k)));
        }
        // Nothing left: a third run computes nothing.
        timer.restart();
        QCOMPARE(run(path("whole.h5"), -1, &cancelled), 0);
        qInfo("a rerun with everything stored: %.2f s", timer.elapsed() / 1000.0);
    }

    void otherSettingsReplaceTheResult() {
        bool cancelled = false;
        const fs::path file = path("whole.h5"); // every unit computed with seed 11
        const HessianRequest first = m_request;
        m_request.options.seed = 12;
        m_request.groups = {"classifier."};
        QCOMPARE(run(file, -1, &cancelled), 2);
        const Study s = readStudy(file);
        QCOMPARE(s.hessians.size(), size_t(2));
        for (const HessianResult& r : s.hessians) {
            QCOMPARE(r.settings.seed, uint64_t(12));
            QCOMPARE(r.groups.size(), size_t(1)); // the seed-11 groups are gone
        }
        m_request = first;
    }
};

QTEST_GUILESS_MAIN(TestHessianResume)
#include "test_hessian_resume.moc"
