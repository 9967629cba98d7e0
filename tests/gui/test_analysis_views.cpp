// The barrier attribution, flipped-examples and soup views, each opened with a result its real
// job computed on a study of the fixture models, checked for what it draws or lists, and
// exported to PNG, SVG, PDF and CSV.
#include "app/gui/analysis_job_bar.h"
#include "app/gui/attribution_panel.h"
#include "app/gui/clusters_panel.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/flips_panel.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/soups_panel.h"
#include "app/gui/study_document.h"
#include "core/jobs/study_builder.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "core/zoo/zoo_builder.h"
#include "core/zoo/zoo_recipe.h"
#include "core/zoo/zoo_study.h"
#include "tests/gui/gui_fixture.h"
#include "tests/gui/study_window.h"
#include "tests/support/test_support.h"
#include "widgets/alpha_marks.h"
#include "widgets/attribution_map.h"
#include "widgets/connectivity_heatmap.h"
#include "widgets/flip_table_model.h"
#include "widgets/soup_table_model.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <filesystem>
#include <map>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

class TestAnalysisViews : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;
    Study m_computed;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    template <typename Panel> Panel* panel() {
        auto* found = m_window->findChild<Panel*>();
        if (!found)
            qFatal("panel missing");
        return found;
    }

    // The index exportPanel gives an added panel: after the three built-in views, in tab order
    // (every added tab is an exportable view).
    int exportIndex(QWidget* panel) {
        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("AnalysisTabs"));
        return 3 + tabs->indexOf(panel) - 1;
    }

    // Exports the view in all four formats and checks each file; returns the CSV text.
    QString exportAll(QWidget* panel, const QString& name) {
        const int view = exportIndex(panel);
        ExportOptions options;
        options.pixelSize = QSize(1200, 700);
        options.dpi = 96;
        const QString base = m_dir.filePath(name);
        for (const char* suffix : {".png", ".svg", ".pdf", ".csv"}) {
            const QString path = base + QLatin1String(suffix);
            const QString error = m_window->exportPanel(view, path, options);
            if (!error.isEmpty())
                qFatal("%s", qPrintable(error));
        }
        const QImage image(base + QStringLiteral(".png"));
        if (image.size() != options.pixelSize)
            qFatal("png size");
        // Not a blank page: the figure has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        if (colours.size() < 8)
            qFatal("png of %s is nearly blank (%lld colours)", qPrintable(name),
                   qlonglong(colours.size()));
        if (!QSvgRenderer(base + QStringLiteral(".svg")).isValid())
            qFatal("invalid svg");
        QFile pdf(base + QStringLiteral(".pdf"));
        if (!pdf.open(QIODevice::ReadOnly) || !pdf.read(5).startsWith("%PDF-"))
            qFatal("invalid pdf");
        QFile csv(base + QStringLiteral(".csv"));
        if (!csv.open(QIODevice::ReadOnly))
            qFatal("no csv");
        return QString::fromUtf8(csv.readAll());
    }

    void waitForJob(JobKind kind) {
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).value<JobKind>(), kind);
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        // Four models: m0 and m2 share bert-seed1's weights, m1 and m3 bert-seed2's.
        m_study = m_dir.filePath(QStringLiteral("analysis.h5"));
        test::buildFixtureStudy(m_dir.filePath(QStringLiteral("models")), 4, 5, m_study);
        test::computeFixtureStudy(m_study);
        m_computed = readStudy(m_study.toStdString());
        QVERIFY(test::openStudyWindow(m_backend, m_settings, m_window,
                                      m_dir.filePath(QStringLiteral("settings.ini")), m_study,
                                      20000));
    }

    void attributionFromTheHeatmapMenu() {
        ConnectivityPanel* connectivity = m_window->connectivityPanel();
        ConnectivityHeatmap* heatmap = connectivity->heatmap();
        // The context menu of cell (m0, m1) offers the attribution; triggering it computes.
        std::unique_ptr<QMenu> menu(connectivity->pairMenu(heatmap->cellCenter(0, 1)));
        QVERIFY(menu);
        QAction* attribute = nullptr;
        for (QAction* action : menu->actions())
            if (action->text() == QObject::tr("Attribute Barrier…"))
                attribute = action;
        QVERIFY(attribute);
        QVERIFY(!connectivity->pairMenu(QPoint(-50, -50)));
        QElapsedTimer clock;
        clock.start();
        attribute->trigger();
        AttributionPanel* panel = this->panel<AttributionPanel>();
        QVERIFY(panel->isVisible()); // the tab is shown
        QVERIFY(panel->jobBar()->running());
        QVERIFY(panel->jobBar()->cancelButton()->isEnabled());
        waitForJob(JobKind::Attribution);
        qInfo("attribution of m0 -> m1 in %.1f s", double(clock.elapsed()) / 1000.0);
        QVERIFY(!panel->jobBar()->running());

        const BarrierAttribution& a = panel->map()->attribution();
        QCOMPARE(a.first, std::string("m0"));
        QCOMPARE(a.second, std::string("m1"));
        QVERIFY(a.complete);
        // The map's rows are the groups of the BERT family: embeddings, each layer, the head.
        const QStringList rows = panel->map()->rowLabels();
        QVERIFY2(rows.size() >= 3, qPrintable(rows.join(',')));
        QCOMPARE(rows.front(), QStringLiteral("embeddings"));
        QVERIFY(rows.contains(QStringLiteral("layer 0")));
        QCOMPARE(rows.size(), int(a.groups.size()));
        const QStringList only = panel->map()->barrierTexts(false);
        QCOMPARE(only.size(), rows.size());
        for (size_t g = 0; g < a.groups.size(); ++g) {
            QVERIFY(std::isfinite(a.groups[g].only.barrierHeight));
            QCOMPARE(only[int(g)], QString::number(a.groups[g].only.barrierHeight, 'g', 3));
        }
        // The plain line is the study's stored curve of the pair (same models, same points).
        const std::vector<double> stored = m_computed.curves.at("mnli").lossCurve(0, 1);
        QCOMPARE(a.loss.size(), stored.size());
        for (size_t k = 0; k < stored.size(); ++k)
            QVERIFY2(std::abs(a.loss[k] - stored[k]) <= 1e-4 * (1 + std::abs(stored[k])),
                     qPrintable(QStringLiteral("%1 vs %2").arg(a.loss[k]).arg(stored[k])));

        const QString csv = exportAll(panel, QStringLiteral("attribution"));
        QCOMPARE(csv, QString::fromStdString(attributionCsv(a)));
        // One line per (path, alpha): the line and two paths per group, plus the header.
        QCOMPARE(csv.trimmed().split('\n').size(),
                 1 + int(a.alphas.size()) * (1 + 2 * int(a.groups.size())));
        // Nothing was written to the study file.
        QCOMPARE(readStudy(m_study.toStdString()).curves.at("mnli").lossCurve(0, 1), stored);
    }

    void flippedExamplesTable() {
        FlipsPanel* panel = this->panel<FlipsPanel>();
        ConnectivityPanel* connectivity = m_window->connectivityPanel();
        std::unique_ptr<QMenu> menu(
            connectivity->pairMenu(connectivity->heatmap()->cellCenter(0, 1)));
        QVERIFY(menu);
        QAction* flips = nullptr;
        for (QAction* action : menu->actions())
            if (action->text() == QObject::tr("Find Flipped Examples…"))
                flips = action;
        QVERIFY(flips);
        QElapsedTimer clock;
        clock.start();
        flips->trigger();
        waitForJob(JobKind::Flips);
        qInfo("flips of m0 -> m1 in %.1f s: %zu of %lld examples", double(clock.elapsed()) / 1000.0,
              panel->model()->analysis().flipped.size(),
              qlonglong(panel->model()->analysis().examples));

        QCOMPARE(panel->model()->analysis().dataset,
                 std::string("hans-lo")); // the diagnostic dataset by default
        QCOMPARE(panel->model()->rowCount(), int(panel->model()->analysis().flipped.size()));
        // The two fixture models agree on every example; the mini zoo's two models (a natural
        // and a balanced run on the toy language) disagree on cue conflicts, so the table has
        // rows to check. Its study opens in the same window.
        const fs::path zooDir = fs::path(m_dir.filePath(QStringLiteral("zoo")).toStdString());
        zoo::ZooBuildOptions build;
        build.recipe = zoo::miniZooRecipe();
        build.out = zooDir;
        build.command = "test";
        zoo::buildZoo(build);
        const QString zooStudy = m_dir.filePath(QStringLiteral("zoo.h5"));
        {
            zoo::DemoStudySettings settings;
            settings.samples = 0; // every row of the mini zoo's small files
            const Study study = buildStudy(zoo::demoStudyOptions(zooDir, settings));
            StudyLock lock(zooStudy.toStdString(), "test");
            writeStudy(study, zooStudy.toStdString());
        }
        test::computeFixtureStudy(zooStudy);
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(zooStudy);
        QVERIFY(opened.wait(20000));
        QVERIFY(panel->findFlips(0, 1));
        waitForJob(JobKind::Flips);
        const FlipAnalysis& a = panel->model()->analysis();
        qInfo("mini zoo: %zu of %lld examples of %s flip", a.flipped.size(), qlonglong(a.examples),
              a.dataset.c_str());
        QVERIFY(a.complete);
        QVERIFY2(!a.flipped.empty(), qPrintable(QString::number(a.examples)));
        // The table lists exactly the flips the job found, sorted by first flip alpha.
        QSortFilterProxyModel* proxy = panel->proxy();
        QCOMPARE(proxy->rowCount(), int(a.flipped.size()));
        double previous = -1;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const double alpha = proxy->index(r, FlipTableModel::FirstFlip)
                                     .data(FlipTableModel::SortRole)
                                     .toDouble();
            QVERIFY(alpha >= previous);
            previous = alpha;
        }
        for (size_t k = 0; k < a.flipped.size(); ++k) {
            const FlippedExample& e = a.flipped[k];
            const QModelIndex row = panel->model()->index(int(k), 0);
            QCOMPARE(row.data().toString(), QString::number(e.row));
            QCOMPARE(panel->model()->index(int(k), FlipTableModel::Gold).data().toString(),
                     QString::fromStdString(a.labelNames[size_t(e.gold)]));
            QVERIFY(panel->model()
                        ->index(int(k), FlipTableModel::Text)
                        .data()
                        .toString()
                        .startsWith(QString::fromStdString(e.textA)));
            // The first flip is a computed alpha where the prediction left the first one.
            const auto at = std::find(a.alphas.begin(), a.alphas.end(), e.firstFlip);
            QVERIFY(at != a.alphas.end() && at != a.alphas.begin());
            QVERIFY(e.predicted[size_t(at - a.alphas.begin())] != e.predicted.front());
        }
        const QString csv = exportAll(panel, QStringLiteral("flips"));
        QCOMPARE(csv, QString::fromStdString(flipsCsv(a)));
        QCOMPARE(csv.trimmed().split('\n').size(), 1 + int(a.flipped.size()));
        // Sorting by a column the user clicks keeps every row.
        panel->view()->sortByColumn(FlipTableModel::Row, Qt::DescendingOrder);
        QCOMPARE(proxy->rowCount(), int(a.flipped.size()));
        // Back to the fixture study for the soups.
        QSignalSpy back(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(m_study);
        QVERIFY(back.wait(20000));
    }

    // The interpolation view marks where the Flips tab's examples first flip, with their count
    // per point, while it shows that pair alone (either direction), and nothing otherwise.
    void flipsMarkedInTheInterpolationView() {
        const FlipAnalysis& a = panel<FlipsPanel>()->model()->analysis();
        QVERIFY(!a.flipped.empty()); // the mini zoo's pair of the previous test
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(m_dir.filePath(QStringLiteral("zoo.h5")));
        QVERIFY(opened.wait(20000));
        const Study& study = m_window->document()->study();
        const int64_t first = study.modelIndex(a.first), second = study.modelIndex(a.second);
        std::map<double, int> expected;
        for (const FlippedExample& e : a.flipped)
            ++expected[e.firstFlip];
        InterpolationPanel* curves = m_window->interpolationPanel();
        QCustomPlot* plot = curves->plot()->plot();
        curves->showPairs({{first, second}});
        std::vector<double> alphas;
        for (const auto& [alpha, count] : expected)
            alphas.push_back(alpha);
        QCOMPARE(alphaMarks(plot), alphas);
        // The labels count the examples at each point.
        int labelled = 0;
        for (QCPLayerable* child : plot->layer(QStringLiteral("alpha-marks"))->children())
            if (auto* text = qobject_cast<QCPItemText*>(child)) {
                const double alpha = text->position->coords().x();
                QVERIFY(expected.count(alpha));
                QCOMPARE(text->text(), expected[alpha] == 1
                                           ? QStringLiteral("1 flip")
                                           : QStringLiteral("%1 flips").arg(expected[alpha]));
                ++labelled;
            }
        QCOMPARE(labelled, int(expected.size()));
        // The reverse direction: the same points, seen from the other end.
        curves->showPairs({{second, first}});
        std::vector<double> reversed;
        for (auto it = expected.rbegin(); it != expected.rend(); ++it)
            reversed.push_back(1.0 - it->first);
        QCOMPARE(alphaMarks(plot), reversed);
        // Another pair, or two pairs at once: no marks.
        curves->showPairs({{first, second}, {second, first}});
        QVERIFY(alphaMarks(plot).empty());
        const QString png = m_dir.filePath(QStringLiteral("flip-marks.png"));
        curves->showPairs({{first, second}});
        ExportOptions options;
        options.pixelSize = QSize(900, 600);
        QCOMPARE(m_window->exportPanel(1, png, options), QString());
        QCOMPARE(QImage(png).size(), options.pixelSize);
        if (!qEnvironmentVariableIsEmpty("BS_SCREENSHOT_DIR"))
            QImage(png).save(QDir(qEnvironmentVariable("BS_SCREENSHOT_DIR"))
                                 .filePath(QStringLiteral("flip-marks.png")));
        m_window->openStudy(m_study); // back to the fixture study for the soups
        QVERIFY(opened.wait(20000));
    }

    void soupsOfTheShownClustering() {
        // The Clusters tab clusters the four models (CG, k = 2): two sets of identical weights.
        ClustersPanel* clusters = this->panel<ClustersPanel>();
        QVERIFY(clusters->clustering().has_value());
        QVERIFY(m_window->document()->shownClustering());
        SoupsPanel* panel = this->panel<SoupsPanel>();
        m_window->showAnalysisTab(panel);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(panel->jobBar()->runButton(), Qt::LeftButton);
        QVERIFY(panel->jobBar()->running());
        waitForJob(JobKind::Soup);
        qInfo("soups in %.1f s", double(clock.elapsed()) / 1000.0);

        const std::vector<SoupEvaluation>& soups = panel->model()->soups();
        const ClusteringResult& c = *m_window->document()->shownClustering();
        QCOMPARE(soups.size(), size_t(2 * c.k)); // within and across for each cluster
        QCOMPARE(panel->view()->model()->rowCount(), int(soups.size()));
        for (const SoupEvaluation& s : soups) {
            QCOMPARE(s.models.size(), size_t(2));
            QCOMPARE(s.datasets.size(), m_computed.datasets.size());
            for (const Evaluation& e : s.evaluations)
                QVERIFY(e.computed());
        }
        // A within soup averages two copies of one model: it is that model, so its accuracy is
        // its ingredients' mean (the table's two columns of a dataset agree).
        bool sawWithin = false;
        for (int r = 0; r < panel->model()->rowCount(); ++r) {
            const SoupEvaluation& s = soups[size_t(r)];
            if (s.kind != "within")
                continue;
            sawWithin = true;
            QCOMPARE(panel->model()->index(r, SoupTableModel::Kind).data().toString(),
                     QObject::tr("within"));
            const double soup = panel->model()
                                    ->index(r, SoupTableModel::FirstDataset)
                                    .data(SoupTableModel::SortRole)
                                    .toDouble();
            const double mean = panel->model()
                                    ->index(r, SoupTableModel::FirstDataset + 1)
                                    .data(SoupTableModel::SortRole)
                                    .toDouble();
            QCOMPARE(soup, s.evaluations[0].accuracy);
            QVERIFY2(std::abs(soup - mean) < 1e-9,
                     qPrintable(QStringLiteral("%1 vs %2").arg(soup).arg(mean)));
        }
        QVERIFY(sawWithin);
        const QString csv = exportAll(panel, QStringLiteral("soups"));
        QCOMPARE(csv, QString::fromStdString(soupsCsv(soups)));
        QCOMPARE(csv.trimmed().split('\n').size(),
                 1 + int(soups.size() * m_computed.datasets.size()));
    }

    void resultsStayWhenTheStudyIsReplaced() {
        // Each job replaced the document with the study as saved; a reload does too. The
        // results are held by the panels and survive it.
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->reload();
        QVERIFY(opened.wait(20000));
        QVERIFY(!panel<AttributionPanel>()->map()->rowLabels().isEmpty());
        QVERIFY(panel<FlipsPanel>()->model()->analysis().examples > 0);
        QVERIFY(!panel<SoupsPanel>()->model()->soups().empty());
    }

    // The docs' pictures: with BS_ANALYSIS_FIGURES_DIR and BS_DEMO_STUDY (a copy of the demo
    // study) set, the three views of natural-seed-1 -> balanced-seed-2 and of the demo's
    // stored clustering are exported as PNG there, through the same export as File > Export.
    void docsFigures() {
        const QString out = qEnvironmentVariable("BS_ANALYSIS_FIGURES_DIR");
        const QString demo = qEnvironmentVariable("BS_DEMO_STUDY");
        if (out.isEmpty() || demo.isEmpty())
            QSKIP("set BS_ANALYSIS_FIGURES_DIR and BS_DEMO_STUDY to write the docs' figures");
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(demo);
        QVERIFY(opened.wait(20000));
        const Study& study = m_window->document()->study();
        const int64_t a = study.modelIndex("natural-seed-1");
        const int64_t b = study.modelIndex("balanced-seed-2");
        QVERIFY(a >= 0 && b >= 0);
        ExportOptions options;
        options.pixelSize = QSize(1000, 470);
        options.dpi = 110;
        QVERIFY(panel<AttributionPanel>()->attribute(a, b));
        waitForJob(JobKind::Attribution);
        QCOMPARE(m_window->exportPanel(exportIndex(panel<AttributionPanel>()),
                                       out + QStringLiteral("/attribution.png"), options),
                 QString());
        QVERIFY(panel<FlipsPanel>()->findFlips(a, b));
        waitForJob(JobKind::Flips);
        QCOMPARE(m_window->exportPanel(exportIndex(panel<FlipsPanel>()),
                                       out + QStringLiteral("/flips.png"), options),
                 QString());
        QVERIFY(m_window->document()->shownClustering());
        QVERIFY(panel<SoupsPanel>()->computeSoups());
        waitForJob(JobKind::Soup);
        options.pixelSize = QSize(1250, 170);
        QCOMPARE(m_window->exportPanel(exportIndex(panel<SoupsPanel>()),
                                       out + QStringLiteral("/soups.csv"), options),
                 QString());
        QCOMPARE(m_window->exportPanel(exportIndex(panel<SoupsPanel>()),
                                       out + QStringLiteral("/soups.png"), options),
                 QString());
    }
};

QTEST_MAIN(TestAnalysisViews)
#include "test_analysis_views.moc"
