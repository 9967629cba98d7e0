// Bootstrap intervals in the connectivity map: a study of the fixture models with per-example
// losses, intervals computed by the real job through the GUI, the map's width view and faded
// cells checked against the job's result, and the map exported.
#include "app/gui/bootstrap_runner.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/jobs/cluster_job.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/example_loss_store.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"
#include "widgets/connectivity_heatmap.h"

#include <QAction>
#include <QActionGroup>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <filesystem>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

class TestBootstrapView : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    // Opens `path` in the window and waits until it is shown.
    void open(const QString& path) {
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(path);
        QVERIFY(opened.wait(20000));
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        // Four models: m0 and m2 share bert-seed1's weights, m1 and m3 bert-seed2's.
        m_study = m_dir.filePath(QStringLiteral("boot.h5"));
        test::buildFixtureStudy(m_dir.filePath(QStringLiteral("models")), 4, 5, m_study);
        {
            // Every curve with its per-example losses kept beside the study, as
            // `basinscope-cli curves --example-losses` does.
            StudyLock lock(m_study.toStdString(), "test");
            Study study = readStudy(m_study.toStdString());
            ExampleLossStore store(m_study.toStdString(), study, true);
            StudySession session(study, ComputeOptions{});
            JobHooks hooks;
            hooks.exampleLosses = &store;
            computeCurves(study, session, allPairs(int64_t(study.models.size())), hooks);
            writeStudy(study, m_study.toStdString());
            QCOMPARE(store.pairsStored(), int64_t(6));
        }
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        open(m_study);
    }

    void intervalsInTheMap() {
        ConnectivityPanel* panel = m_window->connectivityPanel();
        ConnectivityHeatmap* heatmap = panel->heatmap();
        panel->setMatrix(MatrixKind::BarrierHeight);
        panel->setDataset(QStringLiteral("mnli"));
        QVERIFY(panel->intervalButton()->isVisible());
        QVERIFY(panel->bootstrapAction()->isEnabled());
        // Nothing to show before the intervals exist.
        QVERIFY(!panel->intervalChoices()->isEnabled());

        // With a clustering shown, the job also says how stable each model's cluster is.
        ClusterRequest clusters;
        clusters.matrix = "bh";
        clusters.dataset = "mnli";
        clusters.k = 2;
        m_window->document()->showClustering(
            clusterModels(m_window->document()->study(), clusters));

        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QElapsedTimer clock;
        clock.start();
        panel->bootstrapAction()->trigger();
        QVERIFY(panel->bootstrap()->running());
        QVERIFY(!panel->bootstrapAction()->isEnabled()); // one bootstrap at a time
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).value<JobKind>(), JobKind::Bootstrap);
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
        qInfo("bootstrap of 6 pairs in %.1f s", double(clock.elapsed()) / 1000.0);
        const BootstrapResult* result = panel->bootstrap()->result();
        QVERIFY(result);
        QVERIFY(result->complete);
        QCOMPARE(result->dataset, std::string("mnli"));
        QCOMPARE(result->pairs, int64_t(6));
        QVERIFY(panel->intervalChoices()->isEnabled());
        QVERIFY(panel->bootstrapAction()->isEnabled());
        QVERIFY2(result->stability.skipped.empty(), result->stability.skipped.c_str());
        QCOMPARE(result->stability.keep.size(), size_t(4));
        for (double keep : result->stability.keep)
            QVERIFY(keep >= 0.0 && keep <= 1.0);

        const int64_t n = 4;
        const IntervalMatrices& bh = result->barrierHeight;
        // Width: every cell shows high - low of the job's interval.
        panel->setIntervalDisplay(IntervalDisplay::Width);
        int64_t widths = 0;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j) {
                const double shown = heatmap->data().values(i, j);
                const double width = bh.high(i, j) - bh.low(i, j);
                if (std::isnan(width)) {
                    QVERIFY(std::isnan(shown));
                    continue;
                }
                QCOMPARE(shown, width);
                QVERIFY(width >= 0.0);
                QVERIFY(!heatmap->cellFaded(i, j));
                ++widths;
            }
        QCOMPARE(widths, n * (n - 1)); // both directions of every pair
        QVERIFY(heatmap->data().title.contains(QStringLiteral("width")));
        QVERIFY(panel->exportName().endsWith(QStringLiteral("-width")));

        // Faded: the values as before, and exactly the cells whose interval contains 0 faded
        // in the drawn map. Pairs of identical weights (m0, m2 and m1, m3) have flat curves,
        // hence every resample gives [0, 0]: faded by construction.
        panel->setIntervalDisplay(IntervalDisplay::FadeContainingZero);
        for (MatrixKind kind : {MatrixKind::BarrierHeight, MatrixKind::Auc}) {
            panel->setMatrix(kind);
            const Matrix plain =
                StudyViews::heatmap(m_window->document()->study(), kind, QStringLiteral("mnli"))
                    .values;
            const IntervalMatrices& intervals = *HeatmapIntervals::of(*result, kind);
            int64_t faded = 0;
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    const double v = heatmap->data().values(i, j);
                    QVERIFY(std::isnan(v) ? std::isnan(plain(i, j)) : v == plain(i, j));
                    const bool containsZero =
                        intervals.low(i, j) <= 0.0 && intervals.high(i, j) >= 0.0;
                    QCOMPARE(heatmap->cellFaded(i, j), containsZero);
                    faded += containsZero ? 1 : 0;
                }
            for (auto [i, j] : {std::pair<int64_t, int64_t>{0, 2}, {2, 0}, {1, 3}, {3, 1}})
                QVERIFY(heatmap->cellFaded(i, j));
            // On screen a faded cell is paler than the same cell drawn plainly.
            const QPoint cell = heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(0, 2));
            heatmap->plot()->replot();
            const int fadedLightness =
                heatmap->plot()->grab().toImage().pixelColor(cell).lightness();
            panel->setIntervalDisplay(IntervalDisplay::Value);
            heatmap->plot()->replot();
            const int plainLightness =
                heatmap->plot()->grab().toImage().pixelColor(cell).lightness();
            QVERIFY2(
                fadedLightness > plainLightness + 50,
                qPrintable(QStringLiteral("%1 vs %2").arg(fadedLightness).arg(plainLightness)));
            panel->setIntervalDisplay(IntervalDisplay::FadeContainingZero);
            qInfo("%s: %lld of %lld cells faded", qPrintable(StudyViews::matrixId(kind)),
                  qlonglong(faded), qlonglong(n * (n - 1)));
        }
        // The interval is part of the hover text.
        QSignalSpy status(panel, &ConnectivityPanel::statusMessage);
        QTest::mouseMove(heatmap->plot(),
                         heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(0, 1)));
        QTRY_VERIFY(!status.isEmpty());
        const QString hover = status.back().at(0).toString();
        QVERIFY2(hover.contains(QStringLiteral("interval [")), qPrintable(hover));
        QVERIFY2(hover.contains(QStringLiteral("cluster kept in resamples: m0 ")),
                 qPrintable(hover));

        // The distance has no intervals: the plain matrix and no choice.
        panel->setMatrix(MatrixKind::Distance);
        QVERIFY(!panel->intervalChoices()->isEnabled());
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j)
                QVERIFY(!heatmap->cellFaded(i, j));
        panel->setMatrix(MatrixKind::BarrierHeight);

        // The export draws the map as shown.
        ExportOptions options;
        options.pixelSize = QSize(1000, 800);
        options.dpi = 96;
        const QString png = m_dir.filePath(QStringLiteral("faded.png"));
        QCOMPARE(m_window->exportPanel(0, png, options), QString());
        const QImage image(png);
        QCOMPARE(image.size(), options.pixelSize);
        if (!qEnvironmentVariableIsEmpty("BS_SCREENSHOT_DIR"))
            image.save(QDir(qEnvironmentVariable("BS_SCREENSHOT_DIR"))
                           .filePath(QStringLiteral("bootstrap-faded.png")));
    }

    // Without per-example losses beside the study, the intervals cannot be asked for.
    void disabledWithoutExampleLosses() {
        const QString bare = m_dir.filePath(QStringLiteral("bare.h5"));
        QVERIFY(QFile::copy(m_study, bare));
        QVERIFY(!ExampleLossStore::exists(bare.toStdString()));
        open(bare);
        ConnectivityPanel* panel = m_window->connectivityPanel();
        QVERIFY(!panel->bootstrapAction()->isEnabled());
        QVERIFY(!panel->computeIntervals());
        // The other study's intervals are gone with it.
        QVERIFY(!panel->bootstrap()->result());
        QVERIFY(!panel->intervalChoices()->isEnabled());
    }

    // The docs' picture: the demo study's barrier heights on its diagnostic set, with the cells
    // whose interval contains 0 faded (a copy of the demo study with its per-example losses beside
    // it).
    void docsFigure() {
        const QString out = qEnvironmentVariable("BS_BOOTSTRAP_FIGURES_DIR");
        const QString demo = qEnvironmentVariable("BS_DEMO_STUDY");
        if (out.isEmpty() || demo.isEmpty())
            QSKIP("set BS_BOOTSTRAP_FIGURES_DIR and BS_DEMO_STUDY to write the docs' figure");
        open(demo);
        ConnectivityPanel* panel = m_window->connectivityPanel();
        panel->setMatrix(MatrixKind::BarrierHeight);
        panel->setDataset(QStringLiteral("cue-conflicts"));
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QVERIFY(panel->computeIntervals());
        QVERIFY(done.wait(300000));
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
        const BootstrapResult* result = panel->bootstrap()->result();
        QVERIFY(result && result->complete);
        qInfo("%lld pairs, %lld examples, stability: %s", qlonglong(result->pairs),
              qlonglong(result->examples),
              result->stability.skipped.empty() ? "computed" : result->stability.skipped.c_str());
        panel->setIntervalDisplay(IntervalDisplay::FadeContainingZero);
        int64_t faded = 0;
        for (int64_t i : panel->heatmap()->order())
            for (int64_t j : panel->heatmap()->order())
                faded += panel->heatmap()->cellFaded(i, j) ? 1 : 0;
        qInfo("%lld cells faded", qlonglong(faded));
        ExportOptions options;
        options.pixelSize = QSize(900, 720);
        options.dpi = 110;
        QCOMPARE(m_window->exportPanel(0, out + QStringLiteral("/bootstrap-faded.png"), options),
                 QString());
        panel->setIntervalDisplay(IntervalDisplay::Width);
        QCOMPARE(m_window->exportPanel(0, out + QStringLiteral("/bootstrap-width.png"), options),
                 QString());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestBootstrapView)
#include "test_bootstrap_view.moc"
