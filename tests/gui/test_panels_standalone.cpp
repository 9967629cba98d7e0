// Analysis panels built without a main window, as their constructors ask: the document, a
// job runner over the real job controller and worker thread, and (for the Clusters tab) a
// model selection. Offscreen; the jobs are the real core computations on the fixture models.

#include "app/gui/analysis_job_bar.h"
#include "app/gui/attribution_panel.h"
#include "app/gui/clusters_panel.h"
#include "app/gui/job_controller.h"
#include "app/gui/model_selection.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"
#include "widgets/attribution_map.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

namespace {

// The selection a models table would hold.
class FixedSelection : public ModelSelection {
public:
    std::vector<int64_t> models;
    std::vector<int64_t> selectedModels() const override { return models; }
};

} // namespace

class TestPanelsStandalone : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_study;
    std::unique_ptr<StudyDocument> m_document;
    std::unique_ptr<JobController> m_jobs;
    std::unique_ptr<StudyJobRunner> m_runner;
    std::vector<JobKind> m_finished; // kinds of the jobs that ended, in order

    // The start function the main window gives the runner, with the document replaced by the
    // study as the job saved it (as the main window does).
    void makeRunner() {
        m_runner = std::make_unique<StudyJobRunner>(
            m_jobs.get(), [this](JobKind kind, const QString& title, StudyJobBody body) {
                return m_jobs->runStudyJob(kind, title, m_study, std::move(body),
                                           ComputeSettings{});
            });
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        m_study = m_dir.filePath(QStringLiteral("standalone.h5"));
        test::buildFixtureStudy(m_dir.filePath(QStringLiteral("models")), 4, 5, m_study);
        test::computeFixtureStudy(m_study);
        m_document = std::make_unique<StudyDocument>();
        m_document->open(readStudy(m_study.toStdString()), m_study);
        m_jobs = std::make_unique<JobController>();
        connect(m_jobs.get(), &JobController::jobFinished, this,
                [this](JobKind kind, JobOutcome, const StudySnapshot& study) {
                    if (study)
                        m_document->replace(*study, kind);
                    m_finished.push_back(kind);
                });
        makeRunner(); // after the document's slot: handles end with the saved study in place
    }

    void attributionThroughTheRunner() {
        AttributionPanel panel(m_document.get(), m_runner.get());
        panel.resize(900, 600);
        QSignalSpy resets(m_document.get(), &StudyDocument::studyReset);
        QVERIFY(panel.attribute(0, 1));
        QVERIFY(m_runner->busy());
        // A second job is refused while the first runs: no handle, and another panel's bar
        // says why.
        QVERIFY(!m_runner->run(JobKind::Attribution, QStringLiteral("second"),
                               [](StudyJobContext&) {}));
        AttributionPanel other(m_document.get(), m_runner.get());
        QVERIFY(!other.attribute(2, 3));
        QCOMPARE(other.jobBar()->status(), StudyJobRunner::busyMessage());
        QSignalSpy done(panel.jobBar(), &AnalysisJobBar::finished);
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).value<JobOutcome>(), JobOutcome::Completed);
        const BarrierAttribution& a = panel.map()->attribution();
        QCOMPARE(a.first, std::string("m0"));
        QCOMPARE(a.second, std::string("m1"));
        QVERIFY(a.complete);
        // The line's losses are the study's stored curve of the pair.
        const std::vector<double> stored = m_document->study().curves.at("mnli").lossCurve(0, 1);
        QCOMPARE(a.loss.size(), stored.size());
        for (size_t k = 0; k < stored.size(); ++k)
            QVERIFY(std::abs(a.loss[k] - stored[k]) <= 1e-4 * (1 + std::abs(stored[k])));
        // An attribution writes nothing: the document was not reset.
        QCOMPARE(resets.count(), 0);
        // A pair of one model is refused before any job starts.
        QVERIFY(!other.attribute(1, 1));
        QVERIFY(!m_runner->busy());
        QCOMPARE(other.jobBar()->status(), QStringLiteral("Choose two different models."));
    }

    void storingAClusteringArrivesAsADelta() {
        FixedSelection selection;
        ClustersPanel panel(m_document.get(), m_runner.get(), &selection);
        panel.resize(1200, 800);
        const auto before = fs::last_write_time(m_study.toStdString());
        QSignalSpy resets(m_document.get(), &StudyDocument::studyReset);
        QSignalSpy stored(m_document.get(), &StudyDocument::clusteringsChanged);
        panel.setK(2);
        QVERIFY(panel.clustering().has_value());
        QVERIFY(fs::last_write_time(m_study.toStdString()) == before);
        const size_t count = m_document->study().clusterings.size();
        const size_t finished = m_finished.size();
        panel.storeClustering();
        QTRY_VERIFY_WITH_TIMEOUT(m_finished.size() > finished, 60000);
        QCOMPARE(m_finished.back(), JobKind::Cluster);
        QCOMPARE(stored.count(), 1);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(m_document->study().clusterings.size(), count + 1);
        QCOMPARE(m_document->study().clusterings.back().k, int64_t(2));
        // What the document holds is what the file holds.
        QCOMPARE(readStudy(m_study.toStdString()).clusterings.back().labels,
                 m_document->study().clusterings.back().labels);
    }

    void cleanupTestCase() {
        m_runner.reset();
        m_jobs.reset();
    }
};

QTEST_MAIN(TestPanelsStandalone)
#include "test_panels_standalone.moc"
