// The widgets library on its own: views drawn from value types built from the analysis
// reference fixture, linked against the torch-free model library only. That this executable
// links at all, and that check_no_libtorch finds no LibTorch among its libraries, is what
// keeps the views from reaching into the engine.

#include "core/analysis/matrix.h"
#include "tests/support/test_support.h"
#include "widgets/connectivity_heatmap.h"
#include "widgets/interpolation_plot.h"
#include "widgets/view_exporter.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace bs;
using namespace bs::ui;

namespace {

nlohmann::json analysisFixture() {
    return nlohmann::json::parse(
        test::readFile(test::fixturesDir() / "analysis" / "analysis_reference.json"));
}

HeatmapData distanceHeatmap(const nlohmann::json& fixture) {
    const auto& rows = fixture["spectral"]["distance"];
    const auto n = int64_t(rows.size());
    HeatmapData data;
    data.values = Matrix::filled(n, n, 0.0);
    for (int64_t i = 0; i < n; ++i) {
        data.names.push_back(QStringLiteral("seed-%1").arg(i));
        for (int64_t j = 0; j < n; ++j)
            data.values(i, j) = rows[size_t(i)][size_t(j)].get<double>();
    }
    data.title = QStringLiteral("Spectral distance (reference fixture)");
    data.valueName = QStringLiteral("distance");
    return data;
}

} // namespace

class TestWidgetsWithoutEngine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!std::filesystem::exists(test::fixturesDir() / "analysis" / "analysis_reference.json"))
            QSKIP("analysis reference fixture not found");
    }

    void heatmapDrawsTheFixtureMatrix() {
        const nlohmann::json fixture = analysisFixture();
        ConnectivityHeatmap heatmap;
        heatmap.resize(900, 800);
        HeatmapData data = distanceHeatmap(fixture);
        const Matrix values = data.values;
        heatmap.setData(std::move(data));
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));

        const int64_t n = values.rows;
        QCOMPARE(heatmap.tickLabels().size(), qsizetype(n));
        // Every cell is found again under its own centre.
        for (int64_t i = 0; i < n; i += 5)
            for (int64_t j = 0; j < n; j += 3)
                QCOMPARE(heatmap.pairAt(heatmap.cellCenter(i, j)), std::make_pair(i, j));

        // The CSV holds the fixture's numbers.
        const QStringList lines = heatmap.toCsv().trimmed().split('\n');
        QCOMPARE(lines.size(), qsizetype(n + 1));
        const QStringList row1 = lines[2].split(',');
        QCOMPARE(row1.size(), qsizetype(n + 1));
        QVERIFY(std::abs(row1[1].toDouble() - values(1, 0)) <= 1e-9 * std::abs(values(1, 0)));

        // The smallest and the largest off-diagonal distance get different colours.
        int64_t lo = 0, hi = 0;
        double loValue = INFINITY, hiValue = -INFINITY;
        for (int64_t k = 0; k < n * n; ++k) {
            const int64_t i = k / n, j = k % n;
            if (i == j)
                continue;
            if (values(i, j) < loValue)
                loValue = values(i, j), lo = k;
            if (values(i, j) > hiValue)
                hiValue = values(i, j), hi = k;
        }
        const QImage image = heatmap.grab().toImage();
        const QPoint loAt = heatmap.cellCenter(lo / n, lo % n);
        const QPoint hiAt = heatmap.cellCenter(hi / n, hi % n);
        QVERIFY2(image.pixelColor(loAt) != image.pixelColor(hiAt),
                 qPrintable(image.pixelColor(loAt).name()));
    }

    void interpolationPlotExportsTheFixtureCurves() {
        const nlohmann::json fixture = analysisFixture();
        InterpolationData data;
        data.title = QStringLiteral("Reference curves");
        data.lossLabel = QStringLiteral("loss");
        data.metricLabel = QStringLiteral("accuracy");
        size_t points = 0;
        for (const auto& curve : fixture["barriers"]["curves"]) {
            CurveSeries series;
            series.label = QStringLiteral("curve %1").arg(data.series.size());
            series.color = Qt::darkBlue;
            series.loss = curve["loss"].get<std::vector<double>>();
            points = series.loss.size();
            for (size_t k = 0; k < points; ++k) {
                series.alpha.push_back(double(k) / double(points - 1));
                series.metric.push_back(NAN);
            }
            data.series.push_back(std::move(series));
        }
        QVERIFY(data.series.size() >= 2);
        InterpolationPlot plot;
        plot.resize(800, 600);
        plot.setData(data);
        for (size_t s = 0; s < data.series.size(); ++s)
            QCOMPARE(plot.pointCount(s), int(data.series[s].loss.size()));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString suffix :
             {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString path = dir.filePath(QStringLiteral("curves.") + suffix);
            ExportOptions options;
            options.pixelSize = QSize(800, 500);
            const QString error = exportView(plot, path, options);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        const QImage png(dir.filePath(QStringLiteral("curves.png")));
        QCOMPARE(png.size(), QSize(800, 500));
    }
};

QTEST_MAIN(TestWidgetsWithoutEngine)
#include "test_widgets_without_engine.moc"
