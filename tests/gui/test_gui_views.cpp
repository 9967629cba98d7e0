// The main window on a computed fixture study: models table, heatmap sorting, click-to-curve,
// exports, and clear messages for files that cannot be opened.
#include "app/gui/compute_worker.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/demo_runner.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_actions.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/notice_bar.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "tests/support/test_support.h"
#include "widgets/view_exporter.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <hdf5.h>

#include <algorithm>
#include <numeric>

using namespace bs;
using namespace bs::ui;

class TestGuiViews : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;
    Study m_computed; // the study as computed by core, read back from the file
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    void openAndWait(const QString& path) {
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(path);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.front().front().toString(), QFileInfo(path).absoluteFilePath());
    }

    // Opens `path`, expects an error naming it, closes the box; the window must stay usable.
    void expectOpenError(const QString& path, const QString& fragment) {
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        m_window->openStudy(path);
        QVERIFY(errors.wait(10000));
        const QString message = errors.front().front().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
        QVERIFY(m_window->errorBox());
        QVERIFY(m_window->errorBox()->isVisible());
        QVERIFY(m_window->errorBox()->text().contains(fragment));
        m_window->errorBox()->close();
        QTRY_VERIFY(!m_window->errorBox());
        openAndWait(m_study); // still usable
        QCOMPARE(m_window->document()->study().models.size(), size_t(3));
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        m_study = m_dir.filePath(QStringLiteral("views.h5"));
        test::buildFixtureStudy(m_dir.filePath(QStringLiteral("models")), 3, 5, m_study);
        test::computeFixtureStudy(m_study);
        m_computed = readStudy(m_study.toStdString());
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        openAndWait(m_study);
    }

    void modelTablePassesTester() {
        ModelTableModel* model = m_window->modelsPanel()->tableModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            m_window->modelsPanel()->sortProxy(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 3);
        const ModelTable& table = model->table();
        // Name, family, parameters, mnli loss, mnli accuracy, hans-lo accuracy.
        QVERIFY(table.column(QStringLiteral("metric:hans-lo")));
        const ModelColumn* loss = table.column(QStringLiteral("loss:mnli"));
        QVERIFY(loss);
        const int lossColumn = int(loss - table.columns.data());
        for (int m = 0; m < 3; ++m) {
            QCOMPARE(model->index(m, 0).data().toString(), QStringLiteral("m%1").arg(m));
            QVERIFY(model->index(m, 0).data(Qt::DecorationRole).canConvert<QColor>());
            QCOMPARE(loss->numbers[size_t(m)], m_computed.evaluations.at("mnli")[size_t(m)].loss);
        }
        // A live update (a model evaluated) goes through the tester's checks too.
        EvalUpdate update = makeEvalUpdate(m_computed, 1);
        update.evaluations[0].loss = 9.5;
        m_window->document()->applyEvaluation(update);
        QCOMPARE(model->index(1, lossColumn).data(ModelTableModel::SortRole).toDouble(), 9.5);
        QCOMPARE(model->index(1, lossColumn).data().toString(), QLocale().toString(9.5, 'f', 4));
        m_window->document()->replace(m_computed, JobKind::Evaluate); // as an evaluation job ends
        // Sorting the view by loss puts the largest last.
        QTableView* view = m_window->modelsPanel()->view();
        view->sortByColumn(lossColumn, Qt::AscendingOrder);
        double previous = -1;
        for (int r = 0; r < 3; ++r) {
            const double v =
                view->model()->index(r, lossColumn).data(ModelTableModel::SortRole).toDouble();
            QVERIFY(v >= previous);
            previous = v;
        }
        view->sortByColumn(-1, Qt::AscendingOrder);
    }

    void heatmapSortReordersTicks() {
        ConnectivityPanel* panel = m_window->connectivityPanel();
        // Expected order derived from the study itself: by HANS-LO accuracy, ties by index.
        const auto& hans = m_computed.evaluations.at("hans-lo");
        std::vector<int64_t> order(3);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
            return hans[size_t(a)].accuracy < hans[size_t(b)].accuracy;
        });
        panel->setSortColumn(QStringLiteral("metric:hans-lo"), true);
        QStringList expected;
        for (int64_t m : order)
            expected << QStringLiteral("m%1").arg(m);
        QCOMPARE(panel->heatmap()->tickLabels(), expected);

        panel->setSortColumn(QStringLiteral("name"), false);
        QCOMPARE(panel->heatmap()->tickLabels(),
                 (QStringList{QStringLiteral("m2"), QStringLiteral("m1"), QStringLiteral("m0")}));
        // The axis ticker shows the same names at positions 0..N-1.
        auto ticker =
            qSharedPointerCast<QCPAxisTickerText>(panel->heatmap()->plot()->xAxis->ticker());
        QCOMPARE(ticker->ticks().value(0.0), QStringLiteral("m2"));
        QCOMPARE(ticker->ticks().value(2.0), QStringLiteral("m0"));
        // The choice persists.
        QCOMPARE(m_settings->heatmapSortColumn(), QStringLiteral("name"));
        QCOMPARE(m_settings->heatmapSortAscending(), false);
        // The colour map holds the matrix in display order: cell (col 0, row 2) is CG(m0, m2).
        const double cg = m_computed.matrices.at("mnli").convexityGap(0, 2);
        auto* map = qobject_cast<QCPColorMap*>(panel->heatmap()->plot()->plottable(0));
        QVERIFY(map);
        // The perceptually uniform map: viridis from dark purple to yellow.
        const QCPRange unit(0, 1);
        QCOMPARE(QColor(map->gradient().color(0.0, unit)), QColor(0x44, 0x01, 0x54));
        QCOMPARE(QColor(map->gradient().color(1.0, unit)), QColor(0xfd, 0xe7, 0x25));
        QCOMPARE(map->data()->cell(0, 2), cg);
        QCOMPARE(map->data()->cell(2, 0), m_computed.matrices.at("mnli").convexityGap(2, 0));
    }

    void hoverNamesThePair() {
        ConnectivityHeatmap* heatmap = m_window->connectivityPanel()->heatmap();
        m_window->connectivityPanel()->setSortColumn(QStringLiteral("model-order"));
        QTest::qWait(50);
        QSignalSpy hovered(heatmap, &ConnectivityHeatmap::cellHovered);
        const QPoint at = heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(1, 2));
        QMouseEvent move(QEvent::MouseMove, at, heatmap->plot()->mapToGlobal(at), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(heatmap->plot(), &move);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.front().at(0).value<int64_t>(), int64_t(1));
        QCOMPARE(hovered.front().at(1).value<int64_t>(), int64_t(2));
        QCOMPARE(hovered.front().at(2).toDouble(),
                 m_computed.matrices.at("mnli").convexityGap(1, 2));
    }

    void clickingACellShowsItsCurve() {
        ConnectivityPanel* panel = m_window->connectivityPanel();
        panel->setSortColumn(QStringLiteral("name"), false); // m2, m1, m0
        ConnectivityHeatmap* heatmap = panel->heatmap();
        QTest::qWait(50); // queued replots settle the layout
        const QPoint at = heatmap->plot()->mapFrom(heatmap, heatmap->cellCenter(0, 2));
        QCOMPARE(heatmap->pairAt(heatmap->cellCenter(0, 2)),
                 std::make_pair(int64_t(0), int64_t(2)));
        QSignalSpy clicked(heatmap, &ConnectivityHeatmap::cellClicked);
        QTest::mouseClick(heatmap->plot(), Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(clicked.count(), 1);

        InterpolationPanel* curves = m_window->interpolationPanel();
        QCOMPARE(curves->mode(), InterpolationPanel::Mode::Pairs);
        QCOMPARE(curves->pairs(), (std::vector<ModelPair>{{0, 2}}));
        const InterpolationData& data = curves->plot()->data();
        QCOMPARE(data.series.size(), size_t(2)); // mnli and hans-lo
        for (size_t s = 0; s < data.series.size(); ++s)
            QCOMPARE(curves->plot()->pointCount(s), 5);
        const std::vector<double> expected = m_computed.curves.at("mnli").lossCurve(0, 2);
        QCOMPARE(data.series[0].loss, expected);
        QVERIFY(data.title.contains(QStringLiteral("m0")));
        QVERIFY(data.alphaLabel.contains(QStringLiteral("m2")));
        // The graphs drawn hold the same points.
        QCPGraph* graph = curves->plot()->plot()->graph(0);
        QCOMPARE(graph->data()->size(), 5);
        QCOMPARE(graph->data()->at(2)->value, expected[2]);
        // The pair is selected in the table too.
        QCOMPARE(m_window->modelsPanel()->selectedModels(), (std::vector<int64_t>{0, 2}));
    }

    void groupModeShowsMeansWithCounts() {
        InterpolationPanel* curves = m_window->interpolationPanel();
        curves->setMode(InterpolationPanel::Mode::Groups);
        curves->setGroupColumn(QStringLiteral("metric:mnli"));
        curves->setGroupSize(1);
        const InterpolationData& data = curves->plot()->data();
        // k = 1: one "across" pair, on two datasets.
        QCOMPARE(data.series.size(), size_t(2));
        QVERIFY(data.series[0].label.contains(QStringLiteral("N=1")));
        QCOMPARE(data.series[0].lossLow.size(), size_t(5));
        curves->setMode(InterpolationPanel::Mode::Pairs);
    }

    void exportWritesValidFiles() {
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(900, 600);
        options.dpi = 150;
        for (int view = 0; view < 3; ++view) {
            const QString base = out.filePath(QStringLiteral("view%1").arg(view));
            QCOMPARE(m_window->exportPanel(view, base + ".png", options), QString());
            QCOMPARE(m_window->exportPanel(view, base + ".svg", options), QString());
            QCOMPARE(m_window->exportPanel(view, base + ".pdf", options), QString());
            QCOMPARE(m_window->exportPanel(view, base + ".csv", options), QString());

            QImage png(base + ".png");
            QCOMPARE(png.size(), options.pixelSize);
            QCOMPARE(qRound(png.dotsPerMeterX() * 0.0254), 150);
            // Not blank: a drawn figure has many colours.
            QSet<QRgb> colours;
            for (int y = 0; y < png.height(); y += 7)
                for (int x = 0; x < png.width(); x += 7)
                    colours.insert(png.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

            QSvgRenderer svg(base + ".svg");
            QVERIFY(svg.isValid());
            QCOMPARE(svg.viewBox().size(), exportLayoutSize(options));

            QFile pdf(base + ".pdf");
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            const QByteArray bytes = pdf.readAll();
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
            // 900 x 600 px at 150 dpi = 6 x 4 in = 432 x 288 pt.
            const auto box =
                QRegularExpression(QStringLiteral(R"(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\])"))
                    .match(QString::fromLatin1(bytes));
            QVERIFY(box.hasMatch());
            QVERIFY2(std::abs(box.captured(1).toDouble() - 432) < 1 &&
                         std::abs(box.captured(2).toDouble() - 288) < 1,
                     qPrintable(box.captured(0)));
        }
        const auto csvLines = [&](int view) {
            QFile csv(out.filePath(QStringLiteral("view%1.csv").arg(view)));
            return csv.open(QIODevice::ReadOnly)
                       ? QString::fromUtf8(csv.readAll()).trimmed().split('\n')
                       : QStringList();
        };
        QStringList lines = csvLines(0);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith(QStringLiteral("model,")));
        // The curves' CSV holds the shown pair's points: 2 datasets x 5 points.
        m_window->interpolationPanel()->showPairs({{0, 2}});
        QCOMPARE(m_window->exportPanel(1, out.filePath("pair.csv"), options), QString());
        QFile pairCsv(out.filePath(QStringLiteral("pair.csv")));
        QVERIFY(pairCsv.open(QIODevice::ReadOnly));
        lines = QString::fromUtf8(pairCsv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 2 * 5);
        QCOMPARE(lines[0], QStringLiteral("series,alpha,loss,metric"));
        const std::vector<double> loss02 = m_computed.curves.at("mnli").lossCurve(0, 2);
        for (int k = 0; k < 5; ++k)
            QCOMPARE(lines[1 + k].split(',').at(2).toDouble(), loss02[size_t(k)]);
        // The models table's CSV: a header of column ids, one row per model.
        lines = csvLines(2);
        QCOMPARE(lines.size(), 4);
        const QStringList header = lines[0].split(',');
        QCOMPARE(header.front(), QStringLiteral("name"));
        const int lossAt = int(header.indexOf(QStringLiteral("loss:mnli")));
        QVERIFY(lossAt > 0);
        for (int m = 0; m < 3; ++m) {
            const QStringList row = lines[1 + m].split(',');
            QCOMPARE(row.front(), QStringLiteral("m%1").arg(m));
            QCOMPARE(row.at(lossAt).toDouble(), m_computed.evaluations.at("mnli")[size_t(m)].loss);
        }
        // A bad folder gives a message naming it.
        const QString bad = m_window->exportPanel(0, out.filePath("missing/x.png"), options);
        QVERIFY(bad.contains(QStringLiteral("missing")));
    }

    void missingFileShowsMessage() {
        expectOpenError(m_dir.filePath(QStringLiteral("nowhere.h5")),
                        QStringLiteral("does not exist"));
    }

    void textFileShowsMessage() {
        const QString path = m_dir.filePath(QStringLiteral("notes.h5"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are notes, not a study\n");
        file.close();
        expectOpenError(path, QStringLiteral("not an HDF5 file"));
    }

    void foreignHdf5ShowsMessage() {
        const QString path = m_dir.filePath(QStringLiteral("foreign.h5"));
        const hid_t file =
            H5Fcreate(path.toUtf8().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        QVERIFY(file >= 0);
        const hid_t group = H5Gcreate2(file, "/images", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        QVERIFY(group >= 0);
        H5Gclose(group);
        H5Fclose(file);
        expectOpenError(path, QStringLiteral("not a BasinScope study"));
    }

    void lockedFileOpensWithNotice() {
        const QString copy = m_dir.filePath(QStringLiteral("locked.h5"));
        QVERIFY(QFile::copy(m_study, copy));
        StudyLock lock(copy.toStdString(), "basinscope-cli curves");
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        openAndWait(copy);
        QCOMPARE(errors.count(), 0);
        const QString notice = m_window->noticeBar()->text();
        QVERIFY2(notice.contains(QStringLiteral("being written")), qPrintable(notice));
        QVERIFY(notice.contains(QStringLiteral("basinscope-cli curves")));
        // Computing is refused with the same clear reason, and the window stays usable.
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QSignalSpy reopened(m_window.get(), &MainWindow::studyOpened);
        m_window->evaluateModels();
        QVERIFY(done.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(reopened.count(), 1, 10000); // the window rereads the file
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Failed);
        QVERIFY(m_window->errorBox());
        QVERIFY(m_window->errorBox()->text().contains(QStringLiteral("being written")));
        m_window->errorBox()->close();
        lock.release();
        openAndWait(m_study);
        QCOMPARE(m_window->noticeBar()->text(), QString());
    }

    void recentFilesAndLayoutPersist() {
        QCOMPARE(m_settings->recentFiles().front(), QFileInfo(m_study).absoluteFilePath());
        auto* splitter = m_window->findChild<QSplitter*>(QStringLiteral("ViewSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({300, 900});
        const QList<int> sizes = splitter->sizes();
        m_window->close(); // saves the layout into the typed settings
        QVERIFY(!m_settings->windowState().isEmpty());
        QVERIFY(!m_settings->splitterState().isEmpty());
        MainWindow second(m_settings.get()); // restores geometry and layout from settings
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QCOMPARE(second.size(), m_window->size());
        auto* restored = second.findChild<QSplitter*>(QStringLiteral("ViewSplitter"));
        const QList<int> now = restored->sizes();
        QVERIFY2(std::abs(now[0] - sizes[0]) <= 8 && std::abs(now[1] - sizes[1]) <= 8,
                 qPrintable(QStringLiteral("%1 %2").arg(now[0]).arg(now[1])));
        // File > Open Recent lists the study first.
        const QList<QAction*> recent = second.actions()->recentMenu->actions();
        QVERIFY(!recent.isEmpty());
        QVERIFY(recent.front()->text().contains(QFileInfo(m_study).fileName()));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void analysisPanelsJoinTabsMenuAndExport() {
        // A stand-in panel as a later issue adds one: a table view that exports itself.
        class Extra : public QLabel, public ExportableView {
        public:
            Extra()
                : QLabel(QStringLiteral("extra panel")) {}
            QString exportName() const override { return QStringLiteral("extra"); }
            void renderTo(QCPPainter& painter, const QSize& size) override {
                painter.fillRect(QRect(QPoint(), size), Qt::darkCyan);
            }
            QString toCsv() const override { return QStringLiteral("a,b\n1,2\n"); }
        };
        auto* extra = new Extra;
        auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("AnalysisTabs"));
        QVERIFY(tabs);
        const int tabCount = tabs->count(); // the connectivity tab and panels already added
        const int viewCount = m_window->exportViewCount();
        QVERIFY(viewCount >= 3);
        QCOMPARE(m_window->addAnalysisPanel(extra, QStringLiteral("Extra")), tabCount);
        QCOMPARE(m_window->exportViewCount(), viewCount + 1);
        QVERIFY(tabs->tabBar()->isVisible());
        QAction* show = nullptr;
        for (QAction* action : m_window->actions()->viewMenu->actions())
            if (action->text() == QStringLiteral("Extra"))
                show = action;
        QVERIFY(show);
        show->trigger();
        QCOMPARE(tabs->currentWidget(), extra);
        QTemporaryDir out;
        QCOMPARE(m_window->exportPanel(viewCount, out.filePath("extra.csv"), ExportOptions{}),
                 QString());
        QFile csv(out.filePath("extra.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), QByteArray("a,b\n1,2\n"));
        m_window->showAnalysisTab(nullptr);
        QCOMPARE(tabs->currentIndex(), 0);
        delete extra;
        QCOMPARE(tabs->count(), tabCount);
    }

    void demoStudyOpensFromHelpMenu() {
        // Help > Open Demo Study opens the demo study when it was built before (building it
        // runs `basinscope-cli demo`, minutes of training: not part of this test).
        QStandardPaths::setTestModeEnabled(true);
        const QString demo = DemoRunner::demoStudyPath();
        QVERIFY(QDir().mkpath(QFileInfo(demo).path()));
        QFile::remove(demo);
        QVERIFY(QFile::copy(m_study, demo));
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        QVERIFY(m_window->actions()->openDemo->isEnabled());
        m_window->actions()->openDemo->trigger();
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.front().front().toString(), QFileInfo(demo).absoluteFilePath());
        QCOMPARE(m_window->document()->study().models.size(), size_t(3));
        QFile::remove(demo);
        openAndWait(m_study);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestGuiViews)
#include "test_gui_views.moc"
