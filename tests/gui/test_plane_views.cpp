// Loss planes in the GUI: the plane job refines progressively, the 2D view puts the models
// where they are and draws iso-lines, the 3D view renders and turns with the mouse, and every
// export writes a valid file (the .vts read back by VTK's reader).
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/plane_panel.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/jobs/study_builder.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/study_window.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"
#include "widgets/plane_contour_view.h"
#include "widgets/plane_surface_view.h"
#include "widgets/view_exporter.h"

#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <vtkDataArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkStructuredGrid.h>
#include <vtkXMLStructuredGridReader.h>

#include <cmath>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

namespace {

// Pixels that are neither white nor the light grey-blue of the 3D background gradient.
int colouredPixels(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (c.saturation() > 60)
                ++count;
        }
    return count;
}

} // namespace

class TestPlaneViews : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_study;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    PlanePanel* m_panel = nullptr;
    int m_resolution = 17;

    void computeAndWait() {
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QVERIFY(m_panel->computePlane());
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).value<JobKind>(), JobKind::Plane);
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        // BS_PLANE_RESOLUTION=31 measures the default plane (and BS_SCREENSHOT_DIR keeps
        // pictures of it); the suite itself uses a 17 x 17 grid to stay fast.
        if (qEnvironmentVariableIntValue("BS_PLANE_RESOLUTION") >= 9)
            m_resolution = qEnvironmentVariableIntValue("BS_PLANE_RESOLUTION");
        const fs::path dir = m_dir.path().toStdString();
        NewStudyOptions options;
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string(),
                          test::writeBlendedModel(dir / "blend", 0.5, 0.05, 3).string()};
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.modelLabelNames = test::nliLabels();
        m_study = m_dir.filePath(QStringLiteral("planes.h5"));
        {
            const Study study = buildStudy(options);
            StudyLock lock(m_study.toStdString(), "test");
            writeStudy(study, m_study.toStdString());
        }
        QVERIFY(test::openStudyWindow(m_backend, m_settings, m_window,
                                      m_dir.filePath(QStringLiteral("settings.ini")), m_study));
        m_panel = m_window->findChild<PlanePanel*>();
        QVERIFY(m_panel);
        m_window->showAnalysisTab(m_panel);
    }

    void modelsDefaultToTheTableSelection() {
        const Study& study = m_window->document()->study();
        QCOMPARE(m_panel->request().resolution, int64_t(31)); // the default
        QCOMPARE(m_panel->request().margin, 0.25);
        m_window->modelsPanel()->selectModels({0, 1, 2});
        const PlaneRequest request = m_panel->request();
        for (size_t m = 0; m < 3; ++m)
            QCOMPARE(request.models[m], study.models[m].name);
        QCOMPARE(request.dataset, std::string("mnli"));
    }

    void planeRefinesCoarseToFine() {
        m_panel->setModels({"bert-seed1", "bert-seed2", "blend"});
        m_panel->setResolution(m_resolution);
        QSignalSpy shown(m_panel, &PlanePanel::planeShown);
        computeAndWait();
        qInfo("%dx%d plane in the GUI (3 fixture models, %zu examples): first picture after "
              "%.2f s, full grid after %.2f s; levels drawn:",
              m_resolution, m_resolution,
              m_window->document()->study().datasets[0].sampleRows.size(),
              m_panel->firstPictureMs() / 1000.0, m_panel->totalMs() / 1000.0);
        for (int64_t level : m_panel->drawnLevels())
            qInfo("  %lld x %lld", static_cast<long long>(level), static_cast<long long>(level));
        // A coarse picture came first, then the full grid.
        QVERIFY(m_panel->drawnLevels().size() >= 2);
        QVERIFY(m_panel->drawnLevels().front() < m_resolution);
        QCOMPARE(m_panel->drawnLevels().back(), int64_t(m_resolution));
        QVERIFY(m_panel->firstPictureMs() > 0);
        QVERIFY(m_panel->firstPictureMs() <= m_panel->totalMs());
        // The stored plane is the one shown, complete.
        const Study& study = m_window->document()->study();
        QCOMPARE(study.planes.size(), size_t(1));
        QCOMPARE(m_panel->shownPlane().id, study.planes[0].id);
        QCOMPARE(m_panel->shownPlane().rowsDone, int64_t(m_resolution));
        QCOMPARE(m_panel->contourView()->displayedResolution(), int64_t(m_resolution));
        QVERIFY(shown.count() >= 3);
    }

    void contourViewShowsModelsAndIsoLines() {
        PlaneContourView* view = m_panel->contourView();
        const PlaneResult& plane = m_panel->shownPlane();
        QCustomPlot* plot = view->plot();
        plot->replot();
        const QImage image = plot->toPixmap().toImage();
        QCOMPARE(view->modelMarkers().size(), size_t(3));
        for (size_t m = 0; m < 3; ++m) {
            QCPGraph* marker = view->modelMarkers()[m];
            QCOMPARE(marker->data()->size(), 1);
            QCOMPARE(marker->data()->constBegin()->key, plane.modelX[m]);
            QCOMPARE(marker->data()->constBegin()->value, plane.modelY[m]);
            QCOMPARE(marker->name(), QString::fromStdString(plane.models[m]));
            // The marker is drawn where the axes put the model: its colour is at that pixel.
            const int px = int(std::lround(plot->xAxis->coordToPixel(plane.modelX[m])));
            const int py = int(std::lround(plot->yAxis->coordToPixel(plane.modelY[m])));
            QVERIFY(plot->axisRect()->rect().contains(px, py));
            const QColor drawn = image.pixelColor(px, py);
            const QColor want = planeModelColor(m);
            QVERIFY2(std::abs(drawn.red() - want.red()) < 40 &&
                         std::abs(drawn.green() - want.green()) < 40 &&
                         std::abs(drawn.blue() - want.blue()) < 40,
                     qPrintable(QStringLiteral("model %1 at (%2, %3): %4 instead of %5")
                                    .arg(m)
                                    .arg(px)
                                    .arg(py)
                                    .arg(drawn.name(), want.name())));
        }
        // Origin at the first model, first axis through the second.
        QCOMPARE(plane.modelX[0], 0.0);
        QCOMPARE(plane.modelY[1], 0.0);
        // The colour map holds the computed grid.
        QCPColorMapData* data = view->colorMap()->data();
        QCOMPARE(data->keySize(), int(plane.resolution));
        const int64_t r = plane.resolution;
        QCOMPARE(data->cell(3, 5), plane.loss[size_t(5 * r + 3)]);
        // Iso-lines from VTK at round levels between the grid's extremes.
        QVERIFY(view->isoLineCount() > 0);
        const auto [lo, hi] = std::minmax_element(plane.loss.begin(), plane.loss.end());
        for (double level : view->isoLevels()) {
            QVERIFY(level > *lo);
            QVERIFY(level < *hi);
        }
        // Hover readout: plane coordinates and the value of the nearest grid point.
        const double x = plane.xMin + 2 * (plane.xMax - plane.xMin) / double(r - 1);
        const double y = plane.yMin + 4 * (plane.yMax - plane.yMin) / double(r - 1);
        QCOMPARE(view->valueAt(x, y), plane.loss[size_t(4 * r + 2)]);
        QVERIFY(view->readout(x, y).contains(QStringLiteral("loss")));
        QVERIFY(view->readout(plane.modelX[2], plane.modelY[2])
                    .contains(QString::fromStdString(plane.models[2])));
        // Log scale switches the colour bar.
        m_panel->setLogScale(true);
        QCOMPARE(view->colorScale()->dataScaleType(), QCPAxis::stLogarithmic);
        m_panel->setLogScale(false);
        QCOMPARE(view->colorScale()->dataScaleType(), QCPAxis::stLinear);
    }

    void surfaceViewRendersAndTurnsWithTheMouse() {
        QVERIFY(!m_panel->surfaceView()); // made when its tab is first shown
        m_panel->show3D(true);
        QVERIFY(PlanePanel::openGLAvailable());
        PlaneSurfaceView* view = m_panel->surfaceView();
        QVERIFY(view);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY(view->isVisible());
        QCOMPARE(view->displayedResolution(), int64_t(m_resolution));
        const QImage before = view->image();
        QVERIFY(!before.isNull());
        QVERIFY(before.width() > 100 && before.height() > 100);
        const int coloured = colouredPixels(before);
        qInfo("3D view %dx%d: %d coloured pixels (of %d sampled), render %.1f ms", before.width(),
              before.height(), coloured, before.width() * before.height() / 4,
              view->lastRenderMilliseconds());
        QVERIFY2(coloured > before.width() * before.height() / 4 / 20,
                 "the surface should cover more than 5% of the view");

        const auto camera = view->cameraPosition();
        const QPoint from(view->width() / 2, view->height() / 2);
        const QPoint to = from + QPoint(view->width() / 5, view->height() / 10);
        QTest::mousePress(view, Qt::LeftButton, {}, from);
        for (int k = 1; k <= 5; ++k) {
            QMouseEvent move(QEvent::MouseMove, from + (to - from) * k / 5,
                             view->mapToGlobal(from + (to - from) * k / 5), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view, &move);
        }
        QTest::mouseRelease(view, Qt::LeftButton, {}, to);
        const auto turned = view->cameraPosition();
        const double moved =
            std::hypot(turned[0] - camera[0], turned[1] - camera[1], turned[2] - camera[2]);
        QVERIFY2(moved > 1e-6, "a drag should rotate the camera");
        const QImage after = view->image();
        QVERIFY(after != before);
        qInfo("3D render after the drag: %.1f ms", view->lastRenderMilliseconds());
        // Reset view puts the camera back.
        view->resetView();
        const auto reset = view->cameraPosition();
        QVERIFY(std::hypot(reset[0] - camera[0], reset[1] - camera[1], reset[2] - camera[2]) <
                1e-6 * (1 + std::hypot(camera[0], camera[1], camera[2])));
        if (qEnvironmentVariableIsSet("BS_SCREENSHOT_DIR")) {
            // A picture for the documentation: the view alone at a readable size.
            PlaneSurfaceView shot;
            shot.resize(1200, 820);
            shot.setPlane(m_panel->shownPlane());
            shot.show();
            QVERIFY(QTest::qWaitForWindowExposed(&shot));
            QVERIFY(shot.image().save(qEnvironmentVariable("BS_SCREENSHOT_DIR") +
                                      QStringLiteral("/plane-3d.png")));
        }
        m_panel->show3D(false);
    }

    void exportsAreValidFiles() {
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(1000, 800);
        options.dpi = 120;
        m_panel->show3D(false);
        const QString png = out.filePath(QStringLiteral("plane.png"));
        const QString svg = out.filePath(QStringLiteral("plane.svg"));
        const QString pdf = out.filePath(QStringLiteral("plane.pdf"));
        QCOMPARE(m_panel->exportImage(png, options), QString());
        QCOMPARE(m_panel->exportImage(svg, options), QString());
        QCOMPARE(m_panel->exportImage(pdf, options), QString());
        QImage image(png);
        QCOMPARE(image.size(), options.pixelSize);
        QVERIFY(QSvgRenderer(svg).isValid());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        // Through the main window's export as well (the panel is an exportable view).
        QCOMPARE(m_window->exportPanel(3, out.filePath(QStringLiteral("main.png")), options),
                 QString());
        QVERIFY(!QImage(out.filePath(QStringLiteral("main.png"))).isNull());

        m_panel->show3D(true);
        const QString png3d = out.filePath(QStringLiteral("plane-3d.png"));
        QCOMPARE(m_panel->exportImage(png3d), QString());
        const QImage picture(png3d);
        QVERIFY(!picture.isNull());
        QVERIFY(colouredPixels(picture) > 0);
        QVERIFY(!m_panel->exportImage(out.filePath(QStringLiteral("x.svg"))).isEmpty());
        m_panel->show3D(false);

        // The grid as VTK XML, read back by VTK.
        const PlaneResult& plane = m_panel->shownPlane();
        const QString vts = out.filePath(QStringLiteral("plane.vts"));
        QCOMPARE(m_panel->exportGridVts(vts), QString());
        vtkNew<vtkXMLStructuredGridReader> reader;
        reader->SetFileName(vts.toUtf8().constData());
        reader->Update();
        vtkStructuredGrid* grid = reader->GetOutput();
        int dims[3];
        grid->GetDimensions(dims);
        QCOMPARE(dims[0], int(plane.resolution));
        QCOMPARE(dims[1], int(plane.resolution));
        QCOMPARE(dims[2], 1);
        vtkDataArray* loss = grid->GetPointData()->GetArray("loss");
        QVERIFY(loss);
        const vtkIdType k = vtkIdType(plane.resolution * 3 + 7);
        QVERIFY(std::abs(loss->GetTuple1(k) - plane.loss[size_t(k)]) <=
                1e-6 * std::abs(plane.loss[size_t(k)]));
        double point[3];
        grid->GetPoint(k, point);
        QVERIFY(std::abs(point[0] - (plane.xMin + 7 * (plane.xMax - plane.xMin) /
                                                      double(plane.resolution - 1))) < 1e-6);

        const QString csv = out.filePath(QStringLiteral("plane.csv"));
        QCOMPARE(m_panel->exportGridCsv(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.front().startsWith(QStringLiteral("point,x,y,loss,metric")));
        QCOMPARE(lines.size(), int(plane.resolution * plane.resolution) + 4);
        QVERIFY(lines.back().contains(QStringLiteral("model:blend")));
        if (qEnvironmentVariableIsSet("BS_SCREENSHOT_DIR")) {
            ExportOptions shot;
            shot.pixelSize = QSize(1100, 1000);
            shot.dpi = 110;
            QCOMPARE(m_panel->exportImage(qEnvironmentVariable("BS_SCREENSHOT_DIR") +
                                              QStringLiteral("/plane-2d.png"),
                                          shot),
                     QString());
        }
    }

    void sharedColourScaleSpansEveryPlane() {
        // A second, smaller plane through the same models in another order.
        m_panel->setModels({"blend", "bert-seed1", "bert-seed2"});
        m_panel->setResolution(9);
        computeAndWait();
        const Study& study = m_window->document()->study();
        QCOMPARE(study.planes.size(), size_t(2));
        double low = 0, high = 0, a = 0, b = 0;
        QVERIFY(planeValueRange(study.planes[0], PlaneQuantity::Loss, low, high));
        QVERIFY(planeValueRange(study.planes[1], PlaneQuantity::Loss, a, b));
        low = std::min(low, a);
        high = std::max(high, b);
        m_panel->setSharedColorScale(true);
        const QCPRange shared = m_panel->contourView()->colorScale()->dataRange();
        QCOMPARE(shared.lower, low);
        QCOMPARE(shared.upper, high);
        m_panel->setSharedColorScale(false);
        const QCPRange own = m_panel->contourView()->colorScale()->dataRange();
        QVERIFY(own.upper - own.lower <= high - low);
        // Switching between stored planes redraws them.
        m_panel->showStoredPlane(0);
        QCOMPARE(m_panel->contourView()->displayedResolution(), int64_t(m_resolution));
    }

    void surfaceAroundOneModelIsDrawnByThePlaneViews() {
        DirectionSurfaceRequest request;
        request.model = "bert-seed2";
        request.resolution = 9;
        request.range = 0.75;
        request.directions = {4, BiasTreatment::Zero};
        m_panel->setSurfaceRequest(request);
        const DirectionSurfaceRequest back = m_panel->surfaceRequest();
        QCOMPARE(back.model, request.model);
        QCOMPARE(back.resolution, int64_t(9));
        QCOMPARE(back.range, 0.75);
        QVERIFY(back.directions == request.directions);
        m_panel->setResolution(10); // even: the panel takes the next odd resolution
        QCOMPARE(m_panel->surfaceRequest().resolution, int64_t(11));
        m_panel->setResolution(9);

        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        QVERIFY(m_panel->computeSurface());
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);

        // Stored in the file as a surface, and shown.
        const Study saved = readStudy(m_study.toStdString());
        const PlaneResult* stored = nullptr;
        for (const PlaneResult& plane : saved.planes)
            if (plane.directions)
                stored = &plane;
        QVERIFY(stored);
        QVERIFY(*stored->directions == request.directions);
        const PlaneResult& plane = m_panel->shownPlane();
        QCOMPARE(plane.id, stored->id);
        QCOMPARE(plane.loss, stored->loss);
        QCOMPARE(plane.xMin, -0.75);
        QCOMPARE(plane.yMax, 0.75);
        QVERIFY(!std::isnan(plane.loss[size_t(4 * 9 + 4)]));
        QCOMPARE(plane.loss[size_t(4 * 9 + 4)], plane.modelLoss[0]);

        // One named marker at the centre, no triangle, axes named after the directions.
        PlaneContourView* view = m_panel->contourView();
        QCOMPARE(view->displayedResolution(), int64_t(9));
        QCOMPARE(view->modelMarkers()[0]->data()->size(), 1);
        QCOMPARE(view->modelMarkers()[0]->data()->constBegin()->key, 0.0);
        QCOMPARE(view->modelMarkers()[0]->name(), QStringLiteral("bert-seed2"));
        QCOMPARE(view->modelMarkers()[1]->data()->size(), 0);
        QCOMPARE(view->modelMarkers()[2]->data()->size(), 0);
        QCOMPARE(view->triangle()->data()->size(), 0);
        QCOMPARE(view->plot()->xAxis->label(), QStringLiteral("direction 1"));
        QVERIFY(view->readout(0, 0).contains(QStringLiteral("bert-seed2")));

        // Exports as for every plane.
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(900, 800);
        options.dpi = 100;
        const QString png = out.filePath(QStringLiteral("surface.png"));
        m_panel->show3D(false);
        QCOMPARE(m_panel->exportImage(png, options), QString());
        QCOMPARE(QImage(png).size(), options.pixelSize);
        const QString csv = out.filePath(QStringLiteral("surface.csv"));
        QCOMPARE(m_panel->exportGridCsv(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 9 * 9 + 2); // header, grid, the centre
        QVERIFY(lines.back().startsWith(QStringLiteral("model:bert-seed2,0,0,")));
        QCOMPARE(m_panel->exportGridVts(out.filePath(QStringLiteral("surface.vts"))), QString());

        // The 3D view draws it too.
        m_panel->show3D(true);
        QVERIFY(m_panel->surfaceView());
        QCOMPARE(m_panel->surfaceView()->displayedResolution(), int64_t(9));
        const QImage picture = m_panel->surfaceView()->image();
        QVERIFY(colouredPixels(picture) > picture.width() * picture.height() / 4 / 50);
        const QString png3d = out.filePath(QStringLiteral("surface-3d.png"));
        QCOMPARE(m_panel->exportImage(png3d), QString());
        if (qEnvironmentVariableIsSet("BS_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("BS_SCREENSHOT_DIR");
            QVERIFY(picture.save(dir + QStringLiteral("/surface-3d.png")));
            m_panel->show3D(false);
            ExportOptions shot;
            shot.pixelSize = QSize(1100, 1000);
            shot.dpi = 110;
            QCOMPARE(m_panel->exportImage(dir + QStringLiteral("/surface-2d.png"), shot),
                     QString());
        }
        m_panel->show3D(false);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestPlaneViews)
#include "test_plane_views.moc"
