// A training run's trajectory on its PCA surface in the 2D plane view: a surface computed by
// the real trajectory job on the zoo's checkpoints, its path drawn where the projections say
// and the explained variance on the axis titles, exported to PNG and SVG.
// Before the core headers: study_session.h names std::function without including it (the
// precompiled header, which this target does not use, hides that elsewhere).
#include <functional>

#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/jobs/trajectory_job.h"
#include "tests/support/test_support.h"
#include "widgets/plane_contour_view.h"
#include "widgets/view_exporter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

namespace {

const char* kRun = "natural-seed-1";

// The percentage an axis title shows, e.g. 99.9 for "PC1 (99.9%)"; NaN if it has no such form.
double titlePercent(const QString& title, int axis) {
    const QRegularExpression form(QStringLiteral("^PC%1 \\(([0-9.e+-]+)%\\)$").arg(axis + 1));
    const QRegularExpressionMatch match = form.match(title);
    return match.hasMatch() ? match.captured(1).toDouble() : std::nan("");
}

} // namespace

class TestTrajectoryView : public QObject {
    Q_OBJECT
    PlaneResult m_surface;
    std::unique_ptr<PlaneContourView> m_view;

private slots:
    void initTestCase() {
        const fs::path zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        QVERIFY2(fs::exists(zoo / kRun / "checkpoint-250"), "the committed zoo is missing");
        NewStudyOptions options;
        for (const char* step : {"checkpoint-250", "checkpoint-500", "checkpoint-750"})
            options.models.push_back((zoo / kRun / step).string());
        options.models.push_back((zoo / kRun).string());
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=24,sampling=random,seed=3",
                                  DatasetRole::Surface));
        Study study = buildStudy(options);
        TrajectorySurfaceRequest request;
        request.run = kRun;
        request.resolution = 9;
        const size_t index = findOrAddTrajectorySurface(study, request);
        QElapsedTimer timer;
        timer.start();
        {
            StudySession session(study, {});
            computeTrajectorySurface(study, session, index, {});
        }
        qInfo("9x9 trajectory surface of %s (3 checkpoints, 24 examples): %.2f s", kRun,
              timer.elapsed() / 1000.0);
        m_surface = study.planes[index];
        QVERIFY(m_surface.trajectory.has_value());
        QCOMPARE(m_surface.trajectory->models.size(), size_t(3));

        m_view = std::make_unique<PlaneContourView>();
        m_view->resize(700, 620);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setPlane(m_surface);
        m_view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    }

    void pathJoinsTheCheckpointsInStepOrderToTheFinalModel() {
        const TrajectoryAxes& axes = *m_surface.trajectory;
        QCPCurve* path = m_view->trajectoryPath();
        QVERIFY(path);
        // Every checkpoint, then the final model at the centre.
        QCOMPARE(path->data()->size(), int(axes.models.size()) + 1);
        for (size_t c = 0; c < axes.models.size(); ++c) {
            const QCPCurveData& point = *(path->data()->constBegin() + int(c));
            QCOMPARE(point.key, axes.x[c]);
            QCOMPARE(point.value, axes.y[c]);
            // A real projection: no checkpoint of this run is the final model.
            QVERIFY(std::hypot(axes.x[c], axes.y[c]) > 0);
        }
        const QCPCurveData& end = *(path->data()->constEnd() - 1);
        QCOMPARE(end.key, 0.0);
        QCOMPARE(end.value, 0.0);
        QCOMPARE(m_view->modelMarkers()[0]->name(), QString::fromLatin1(kRun));
        // The curve keeps the order given (not sorted by x): the path goes 250 → 500 → 750.
        QStringList labels;
        for (const QCPItemText* label : m_view->checkpointLabels())
            labels << label->text();
        QCOMPARE(labels, (QStringList{QStringLiteral("step 250"), QStringLiteral("step 500"),
                                      QStringLiteral("step 750")}));
    }

    void drawnPointsSitWhereTheProjectionsSay() {
        const TrajectoryAxes& axes = *m_surface.trajectory;
        QCustomPlot* plot = m_view->plot();
        const QImage image = plot->toPixmap().toImage();
        const QRect inside = plot->axisRect()->rect();
        for (size_t c = 0; c < axes.models.size(); ++c) {
            const double px = plot->xAxis->coordToPixel(axes.x[c]);
            const double py = plot->yAxis->coordToPixel(axes.y[c]);
            QVERIFY(inside.contains(QPoint(int(px), int(py))));
            // The dot's white fill, a colour the viridis map never takes, at that pixel.
            const QColor drawn = image.pixelColor(int(std::lround(px)), int(std::lround(py)));
            QVERIFY2(drawn.red() >= 240 && drawn.green() >= 240 && drawn.blue() >= 240,
                     qPrintable(QStringLiteral("checkpoint %1 at (%2, %3): %4")
                                    .arg(c)
                                    .arg(px)
                                    .arg(py)
                                    .arg(drawn.name())));
            // Its label is anchored at the checkpoint's column, just below it.
            const QPointF anchor = m_view->checkpointLabels()[c]->position->pixelPosition();
            QVERIFY(std::abs(anchor.x() - px) < 0.5);
            QVERIFY(anchor.y() > py && anchor.y() < py + 0.05 * inside.height());
        }
        // The final model's marker sits at the origin's pixel.
        const double ox = plot->xAxis->coordToPixel(0), oy = plot->yAxis->coordToPixel(0);
        QVERIFY(inside.contains(QPoint(int(ox), int(oy))));
        QCOMPARE(m_view->modelMarkers()[0]->data()->constBegin()->key, 0.0);
    }

    void axisTitlesCarryTheExplainedVariance() {
        const TrajectoryAxes& axes = *m_surface.trajectory;
        // The first axis explains most of a short run; neither is all of it.
        QVERIFY(axes.explainedVariance[0] > axes.explainedVariance[1]);
        QVERIFY(axes.explainedVariance[1] > 0);
        const QString titles[2] = {m_view->plot()->xAxis->label(), m_view->plot()->yAxis->label()};
        for (int axis = 0; axis < 2; ++axis) {
            const double shown = titlePercent(titles[axis], axis);
            const double want = 100.0 * axes.explainedVariance[size_t(axis)];
            qInfo("axis %d: '%s' (explained %.6f%%)", axis, qPrintable(titles[axis]), want);
            // Three significant digits: within half a unit of the third digit.
            QVERIFY2(std::abs(shown - want) <= 0.005 * want, qPrintable(titles[axis]));
        }
        QVERIFY(m_view->plot()->plotLayout()->elementCount() > 0);
    }

    void exportsCarryThePathAndTitles() {
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(900, 800);
        options.dpi = 120;
        const QString png = out.filePath(QStringLiteral("trajectory.png"));
        const QString svg = out.filePath(QStringLiteral("trajectory.svg"));
        QCOMPARE(exportView(*m_view, png, options), QString());
        QCOMPARE(exportView(*m_view, svg, options), QString());
        QCOMPARE(QImage(png).size(), options.pixelSize);
        QVERIFY(QSvgRenderer(svg).isValid());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(m_view->plot()->xAxis->label()));
        QVERIFY(text.contains(QStringLiteral("step 750")));
        // CSV: a row per checkpoint with its coordinates (the plane export's).
        QVERIFY(
            m_view->toCsv().contains(QStringLiteral("checkpoint:natural-seed-1/checkpoint-500,")));
        const QString dir = qEnvironmentVariable("BS_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QCOMPARE(exportView(*m_view, dir + QStringLiteral("/trajectory-2d.png"), options),
                     QString());
    }

    void otherPlanesHaveNoPath() {
        PlaneResult plain = m_surface;
        plain.trajectory.reset();
        m_view->setPlane(plain);
        QCOMPARE(m_view->trajectoryPath()->data()->size(), 0);
        QVERIFY(m_view->checkpointLabels().empty());
        QVERIFY(!m_view->plot()->xAxis->label().startsWith(QStringLiteral("PC1")));
        m_view->setPlane(m_surface);
        QCOMPARE(m_view->checkpointLabels().size(), size_t(3));
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(TestTrajectoryView)
#include "test_trajectory_view.moc"
