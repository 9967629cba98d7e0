// What a person sees at common window sizes: every hint and label reads whole and every plot
// gets a readable share of its cell, with no study open, with a study before anything is
// selected or computed (the hints: no pair, no sharpness, no training runs), and with every
// view filled (a pair's curves, sharpness, training dynamics).
//
// Set BS_SCREENSHOT_DIR to a folder to keep a picture of every checked view.
#include "app/gui/clusters_panel.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/plane_panel.h"
#include "app/gui/settings.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/gui/layout_checks.h"
#include "widgets/cluster_views.h"
#include "widgets/training_dynamics_plot.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

using namespace bs;
using namespace bs::ui;

namespace {

// A plot narrower than a quarter of the window is a strip beside its neighbours (the tabs show
// at most three plots side by side, so each can have about a third); one shorter than 180 px
// leaves under 100 px of data once its title, tick labels, axis label and legend are drawn.
constexpr double kMinPlotWidthShare = 0.25;
constexpr int kMinPlotHeight = 180;
// Inside a plot, the data area (each axis rectangle) has most of the width: tick labels, the
// axis label and a colour scale take 60 to 250 px of it. Below 80 px of height an axis shows too
// few ticks to read a value off it (two panels stacked share the height).
constexpr double kMinDataWidthShare = 0.5;
constexpr int kMinDataHeight = 80;
constexpr int kModels = 12;

// The synthetic study with a diagnostic dataset beside the surface set, as in the demo (the
// curves show two datasets, the clusters compare with the diagnostic's accuracy); tagged, with
// four runs of three checkpoints each and their sharpness, so that the training dynamics and
// the sharpness scatter have data.
Study demoLikeStudy(bool tagged) {
    Study study = test::syntheticStudy(kModels, 10);
    DatasetEntry hans = study.datasets.front();
    hans.name = "hans-lo";
    hans.role = DatasetRole::Diagnostic;
    hans.format = "hans";
    hans.spec = "heuristics_evaluation_set.txt:hans:heuristic=lexical_overlap";
    hans.source = "/nonexistent/heuristics_evaluation_set.txt";
    hans.labelNames = {"entailment", "non-entailment"};
    study.datasets.push_back(hans);
    study.evaluations[hans.name] = study.evaluations["mnli"];
    for (int k = 0; k < kModels; ++k)
        study.evaluations[hans.name][size_t(k)].accuracy = 0.5 + 0.04 * k;
    study.curves[hans.name] = study.curves["mnli"];
    study.matrices[hans.name] = study.matrices["mnli"];
    if (!tagged)
        return study;
    for (int k = 0; k < kModels; ++k) {
        ModelEntry& model = study.models[size_t(k)];
        model.run = "seed-" + std::to_string(k % 4 + 1);
        model.step = 1000 * (k / 4 + 1);
        model.name = model.run + "/checkpoint-" + std::to_string(model.step);
        study.sharpness.push_back({model.name, "mnli", 1e-4, 16, 0.02 + 0.003 * k});
    }
    return study;
}

} // namespace

class TestPanelLayout : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_plainPath, m_taggedPath, m_openPath;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    QString writeStudyFile(const QString& name, const Study& study) {
        const QString path = m_dir.filePath(name);
        StudyLock lock(path.toStdString(), "test");
        writeStudy(study, path.toStdString());
        return path;
    }

    // Opens the study at `path`, or closes the open one when `path` is empty.
    bool open(const QString& path) {
        if (m_openPath == path)
            return true;
        m_openPath.clear();
        if (path.isEmpty()) {
            m_window->closeStudy();
            return true;
        }
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(path);
        if (!opened.wait(20000))
            return false;
        m_openPath = path;
        return true;
    }

    // Lets the layouts follow a resize or a tab change, then lays out every plot for its size
    // (QCustomPlot places its texts when it replots).
    void settle() {
        QTest::qWait(60);
        for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>())
            if (plot->isVisible())
                plot->replot(QCustomPlot::rpImmediateRefresh);
        QApplication::processEvents();
    }

    void saveScreenshot(const QString& name) const {
        const QString dir = qEnvironmentVariable("BS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            m_window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    // What is wrong with the tab on show: cut labels and plot texts, plots too small or outside
    // the window. Counts the plots it saw in `plots`.
    QStringList checkVisibleTab(const QString& tab, int& plots) {
        const QWidget* window = m_window.get();
        QStringList problems = test::cutLabels(window);
        plots = 0;
        for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>()) {
            if (!plot->isVisible())
                continue;
            ++plots;
            problems << test::cutPlotTexts(plot);
            const QRect rect = test::rectIn(plot, window);
            const QString name = test::describe(plot->parentWidget());
            if (rect.width() < kMinPlotWidthShare * window->width())
                problems << QStringLiteral("%1: %2 px wide, under %3% of the window")
                                .arg(name)
                                .arg(rect.width())
                                .arg(kMinPlotWidthShare * 100);
            if (rect.height() < kMinPlotHeight)
                problems << QStringLiteral("%1: %2 px high").arg(name).arg(rect.height());
            if (test::clippedByAncestor(plot, window))
                problems << name + QStringLiteral(": partly outside the window");
            for (QCPAxisRect* data : plot->axisRects())
                if (data->realVisibility() && (data->width() < kMinDataWidthShare * rect.width() ||
                                               data->height() < kMinDataHeight))
                    problems << QStringLiteral("%1: data area %2x%3 px in a plot of %4x%5 px")
                                    .arg(name)
                                    .arg(data->width())
                                    .arg(data->height())
                                    .arg(rect.width())
                                    .arg(rect.height());
        }
        for (QString& problem : problems)
            problem = tab + QStringLiteral(": ") + problem;
        return problems;
    }

    void showTab(QWidget* panel) {
        m_window->showAnalysisTab(panel);
        settle();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_plainPath = writeStudyFile(QStringLiteral("plain.h5"), demoLikeStudy(false));
        m_taggedPath = writeStudyFile(QStringLiteral("tagged.h5"), demoLikeStudy(true));
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void views_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QSize>("size");
        for (const char* state : {"none", "empty", "filled"})
            for (const QSize size : {QSize(1280, 800), QSize(1600, 1000), QSize(1920, 1200)})
                QTest::addRow("%s-%dx%d", state, size.width(), size.height())
                    << QString::fromLatin1(state) << size;
    }

    void views() {
        QFETCH(QString, state);
        QFETCH(QSize, size);
        const bool filled = state == QLatin1String("filled");
        const bool none = state == QLatin1String("none");
        QVERIFY(open(none ? QString() : filled ? m_taggedPath : m_plainPath));
        m_window->resize(size);
        settle();
        // A layout whose minimum is larger than the window would overflow the screen.
        QCOMPARE(m_window->size(), size);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        QStringList problems;
        int plots = 0;

        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("AnalysisTabs"));
        QVERIFY(tabs);
        auto* heatmap = m_window->connectivityPanel()->heatmap();
        if (filled) {
            heatmap->setSelectedPair(0, kModels - 1);
            emit heatmap->cellClicked(0, kModels - 1);
        } else {
            // A study opens on its strongest barrier; the empty state is what is left when
            // no pair is chosen (or none is computed yet).
            heatmap->setSelectedPair(-1, -1);
            m_window->interpolationPanel()->showPairs({});
        }
        showTab(tabs->widget(0));
        saveScreenshot(tag + QStringLiteral("-connectivity"));
        QCOMPARE(m_window->interpolationPanel()->plot()->data().series.empty(), !filled);
        problems << checkVisibleTab(QStringLiteral("connectivity"), plots);
        QCOMPARE(plots, 2); // the map and the curves

        auto* clusters = m_window->findChild<ClustersPanel*>();
        QVERIFY(clusters);
        showTab(clusters);
        saveScreenshot(tag + QStringLiteral("-clusters"));
        QCOMPARE(clusters->clustering().has_value(), !none);
        QCOMPARE(clusters->sharpnessScatter()->message().isEmpty(), filled);
        QCOMPARE(clusters->dynamicsPlot()->data().runs.empty(), !filled);
        problems << checkVisibleTab(QStringLiteral("clusters"), plots);
        QCOMPARE(plots, 5);

        // No plane is computed in either study: its hints show in every state.
        auto* planes = m_window->findChild<PlanePanel*>();
        QVERIFY(planes);
        showTab(planes);
        saveScreenshot(tag + QStringLiteral("-planes"));
        problems << checkVisibleTab(QStringLiteral("planes"), plots);
        QCOMPARE(plots, 1); // the 2D contours (the 3D view is on the other tab)

        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestPanelLayout)
#include "test_panel_layout.moc"
