// Compute jobs from the GUI: progress signals, Cancel keeping finished pairs, stale results
// dropped, and a responsive event loop while a job runs.
#include "app/gui/dataset_form.h"
#include "app/gui/job_controller.h"
#include "app/gui/job_status_widget.h"
#include "app/gui/main_window.h"
#include "app/gui/model_folder_list.h"
#include "app/gui/new_study_wizard.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QtTest>

#include <cmath>

using namespace bs;
using namespace bs::ui;

namespace {

int64_t completePairs(const Study& study) {
    const CurveSet& curves = study.curves.at("mnli");
    int64_t count = 0;
    for (int64_t i = 0; i < curves.models; ++i)
        for (int64_t j = i + 1; j < curves.models; ++j)
            count += curves.hasPair(i, j) ? 1 : 0;
    return count;
}

} // namespace

class TestGuiCompute : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    // A fresh, uncomputed study of n models.
    QString freshStudy(const QString& name, int n, int points) {
        const QString path = m_dir.filePath(name + ".h5");
        test::buildFixtureStudy(m_dir.filePath(name), n, points, path);
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(path);
        if (!opened.wait(10000))
            qFatal("could not open %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_settings->setBatchSize(4); // more batches: more progress steps
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void progressThenCancelKeepsFinishedPairs() {
        const int points = 12;
        const QString path = freshStudy(QStringLiteral("cancel"), 4, points);
        JobController* jobs = m_window->jobs();
        QSignalSpy progress(jobs, &JobController::progress);
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        std::vector<PairUpdate> received;
        QElapsedTimer clock;
        // Cancel from the GUI, as a user would, as soon as the first pair is in.
        auto connection =
            connect(jobs, &JobController::pairReady, this, [&](const PairUpdate& update) {
                received.push_back(update);
                if (received.size() == 1)
                    QTest::mouseClick(m_window->jobStatus()->cancelButton(), Qt::LeftButton);
            });
        clock.start();
        m_window->computeAllCurves();
        QVERIFY(jobs->busy());
        QVERIFY(m_window->jobStatus()->isVisible());
        QVERIFY(done.wait(60000));
        disconnect(connection);
        const double seconds = clock.elapsed() / 1000.0;
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Cancelled);
        QVERIFY(!jobs->busy());
        QVERIFY(!m_window->jobStatus()->isVisible());

        // Progress: a known total, done never decreasing within one total, throttled.
        QVERIFY(progress.count() >= 2);
        qint64 lastTotal = -1, lastDone = -1;
        int totals = 0;
        for (const auto& args : progress) {
            const qint64 d = args.at(0).toLongLong(), t = args.at(1).toLongLong();
            if (t != lastTotal) {
                ++totals;
                lastTotal = t;
                lastDone = -1;
            }
            QVERIFY(d >= lastDone);
            QVERIFY(t == 0 || d <= t);
            lastDone = d;
        }
        QVERIFY2(
            progress.count() <= int(seconds * 20) + 2 * totals + 4,
            qPrintable(
                QStringLiteral("%1 progress signals in %2 s").arg(progress.count()).arg(seconds)));

        // The file keeps exactly the pairs that finished (at least the first, not all six).
        const Study saved = readStudy(path.toStdString());
        const int64_t complete = completePairs(saved);
        QVERIFY2(complete >= 1 && complete < 6, qPrintable(QString::number(complete)));
        QCOMPARE(int64_t(received.size()), complete);
        for (const PairUpdate& update : received) {
            QVERIFY(saved.curves.at("mnli").hasPair(update.i, update.j));
            QCOMPARE(update.datasets[0].loss,
                     saved.curves.at("mnli").lossCurve(update.i, update.j));
            QCOMPARE(update.datasets[0].loss.size(), size_t(points));
        }
        // The window shows what the file holds.
        QCOMPARE(completePairs(m_window->document()->study()), complete);
        const double cg = m_window->document()->study().matrices.at("mnli").convexityGap(
            received[0].i, received[0].j);
        QCOMPARE(cg, saved.matrices.at("mnli").convexityGap(received[0].i, received[0].j));

        // Computing again resumes: every pair ends complete, the kept ones unchanged.
        done.clear();
        m_window->computeAllCurves();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
        const Study finished = readStudy(path.toStdString());
        QCOMPARE(completePairs(finished), int64_t(6));
        QCOMPARE(finished.curves.at("mnli").lossCurve(received[0].i, received[0].j),
                 received[0].datasets[0].loss);
        QCOMPARE(completePairs(m_window->document()->study()), int64_t(6));
    }

    void abandonedJobResultsAreDropped() {
        const QString path = freshStudy(QStringLiteral("stale"), 3, 4);
        JobController* jobs = m_window->jobs();
        QSignalSpy evals(jobs, &JobController::evalReady);
        QSignalSpy finished(jobs, &JobController::jobFinished);
        QSignalSpy workerFinished(jobs->worker(), &ComputeWorker::finished);
        m_window->evaluateModels();
        jobs->abandon(); // e.g. the user opened another study
        QVERIFY(!jobs->busy());
        QVERIFY(workerFinished.wait(60000));
        QTest::qWait(50); // let every queued signal of that job arrive
        QCOMPARE(evals.count(), 0);
        QCOMPARE(finished.count(), 0);
        // A new job on the same file runs normally afterwards.
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        m_window->evaluateModels();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
        QCOMPARE(evals.count(), 3);
        const Study saved = readStudy(path.toStdString());
        QVERIFY(saved.evaluations.at("mnli")[2].computed());
    }

    void eventLoopStaysResponsive() {
        freshStudy(QStringLiteral("latency"), 5, 60);
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
            ++ticks;
        });
        m_window->computeAllCurves();
        QVERIFY(m_window->jobs()->busy());
        clock.start();
        timer.start();
        // Measure for two seconds of the job (or until it ends), then cancel.
        QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() > 2000 || !m_window->jobs()->busy(), 10000);
        const bool ranLong = m_window->jobs()->busy();
        timer.stop();
        m_window->cancelJob();
        if (ranLong)
            QVERIFY(done.wait(60000));
        qInfo("timer latency while computing: worst gap %lld ms over %d ticks of 10 ms", worst,
              ticks);
        QVERIFY(ranLong); // the job must have run during the whole measurement
        QVERIFY2(worst < 100, qPrintable(QString::number(worst)));
        QVERIFY(ticks > 100);
    }

    void newStudyWizardCreatesAndComputes() {
        // The wizard filled as a user would: two model folders, the MNLI file (format guessed
        // from its name), HANS-LO as diagnostic, 4 points; then Finish.
        const QString models = m_dir.filePath(QStringLiteral("wizard-models"));
        test::makeModelFolders(models, 2);
        NewStudyWizard wizard(m_dir.path(), m_window.get());
        wizard.show();
        QVERIFY(!wizard.currentPage()->isComplete()); // no models yet
        wizard.modelList()->addEntries(
            {QDir(models).filePath(QStringLiteral("m0")), QDir(models).filePath("m1")});
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.labelsEdit()->setText(QStringLiteral("entailment, neutral, contradiction"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 1);
        QVERIFY(!wizard.currentPage()->isComplete());
        const std::string data = test::testDataDir().string();
        wizard.surfaceForm()->setFile(test::toQString(test::testDataDir() / "mnli/dev_matched.tsv"),
                                      QStringLiteral("mnli"));
        wizard.surfaceForm()->setName(QStringLiteral("mnli"));
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), 2);
        wizard.addDiagnosticSpec(parseNamedDatasetSpec("hans-lo=" + data +
                                                           "/hans/heuristics_evaluation_set.txt:"
                                                           "hans:heuristic=lexical_overlap",
                                                       DatasetRole::Diagnostic),
                                 QStringLiteral("hans-lo"));
        wizard.next();
        QCOMPARE(wizard.currentId(), 3);
        const QString path = m_dir.filePath(QStringLiteral("wizard.h5"));
        wizard.pointsBox()->setValue(4);
        wizard.pathEdit()->setText(path);
        QVERIFY(wizard.computeBox()->isChecked());
        QVERIFY(wizard.validateCurrentPage());
        const NewStudyRequest& request = wizard.request();
        QCOMPARE(request.path, path);
        QCOMPARE(request.options.models.size(), size_t(2));
        QCOMPARE(request.options.datasets.size(), size_t(2));
        QCOMPARE(request.options.points, int64_t(4));
        QCOMPARE(request.options.modelLabelNames.size(), size_t(3));
        wizard.close();

        // Creating opens the study, then every curve is computed (the default).
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        m_window->createStudy(request);
        QVERIFY(opened.wait(30000));
        QCOMPARE(opened.front().front().toString(), path);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 120000);
        QCOMPARE(done.at(0).at(0).value<JobKind>(), JobKind::CreateStudy);
        QCOMPARE(done.at(1).at(0).value<JobKind>(), JobKind::Curves);
        QCOMPARE(done.at(1).at(1).value<JobOutcome>(), JobOutcome::Completed);
        const Study saved = readStudy(path.toStdString());
        QCOMPARE(saved.models.size(), size_t(2));
        QCOMPARE(saved.points, int64_t(4));
        QVERIFY(saved.curves.at("hans-lo").hasPair(0, 1));
        QCOMPARE(m_window->document()->path(), path);
        QVERIFY(m_window->document()->study().curves.at("mnli").hasPair(0, 1));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestGuiCompute)
#include "test_gui_compute.moc"
