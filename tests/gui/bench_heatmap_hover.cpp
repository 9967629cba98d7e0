// Benchmark: hover repaint of a 100 x 100 connectivity map (synthetic study file). Reports the
// time from a mouse move to the finished repaint; not a timed pass/fail test.
#include "app/gui/connectivity_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <algorithm>

using namespace bs;
using namespace bs::ui;

class BenchHeatmapHover : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    void hover(ConnectivityHeatmap* heatmap, int64_t i, int64_t j) {
        const QPoint at = heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(i, j));
        QMouseEvent move(QEvent::MouseMove, at, heatmap->plot()->mapToGlobal(at), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(heatmap->plot(), &move);
        heatmap->plot()->repaint(); // the paint the event scheduled, done now
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("synthetic-100.h5"));
        {
            StudyLock lock(path.toStdString(), "bench");
            writeStudy(test::syntheticStudy(100, 10), path.toStdString());
        }
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->resize(1480, 920);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(path);
        QVERIFY(opened.wait(20000));
        QTest::qWait(100);
    }

    void hoverRepaint() {
        ConnectivityHeatmap* heatmap = m_window->connectivityPanel()->heatmap();
        QCOMPARE(heatmap->tickLabels().size(), 100);
        QSignalSpy hovered(heatmap, &ConnectivityHeatmap::cellHovered);
        hover(heatmap, 10, 20);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.back().at(0).value<int64_t>(), int64_t(10));
        QCOMPARE(hovered.back().at(1).value<int64_t>(), int64_t(20));
        QCOMPARE(hovered.back().at(2).toDouble(), 0.1); // |10 - 20| / 100

        // Alternate between cells so that every move changes the hovered pair.
        std::vector<double> times;
        QElapsedTimer clock;
        for (int k = 0; k < 300; ++k) {
            const int64_t i = (k * 7) % 100, j = (k * 13 + 1) % 100;
            clock.start();
            hover(heatmap, i, j);
            times.push_back(clock.nsecsElapsed() / 1e6);
        }
        QCOMPARE(hovered.count(), 301);
        std::sort(times.begin(), times.end());
        double sum = 0;
        for (double t : times)
            sum += t;
        qInfo("100x100 heatmap hover repaint (%dx%d px plot): mean %.2f ms, median %.2f ms, "
              "95th percentile %.2f ms, max %.2f ms",
              heatmap->plot()->width(), heatmap->plot()->height(), sum / times.size(),
              times[times.size() / 2], times[times.size() * 95 / 100], times.back());

        // For comparison: a full replot (what a naive hover would cost).
        clock.start();
        for (int k = 0; k < 20; ++k)
            heatmap->plot()->replot(QCustomPlot::rpImmediateRefresh);
        qInfo("full replot of the same map: %.2f ms", clock.nsecsElapsed() / 1e6 / 20);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(BenchHeatmapHover)
#include "bench_heatmap_hover.moc"
