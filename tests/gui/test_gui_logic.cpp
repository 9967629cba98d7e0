// The GUI's pure logic: pair groups and mean curves (paper Figure 1), the progress throttle,
// typed settings with change signals.
#include "app/gui/curve_groups.h"
#include "app/gui/progress_throttle.h"
#include "app/gui/settings.h"
#include "widgets/model_table_model.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace bs;
using namespace bs::ui;
using namespace std::chrono_literals;

class TestGuiLogic : public QObject {
    Q_OBJECT

private slots:
    void groupsTopAndBottom() {
        // Scores of 6 models; model 4 has none and takes no part.
        const std::vector<double> score = {0.50, 0.90, 0.10, 0.70, kNaN, 0.30};
        const PairGroups g = groupPairs(score, 2);
        QCOMPARE(g.top, (std::vector<int64_t>{1, 3}));
        QCOMPARE(g.bottom, (std::vector<int64_t>{2, 5}));
        QCOMPARE(g.withinTop, (std::vector<ModelPair>{{1, 3}}));
        QCOMPARE(g.withinBottom, (std::vector<ModelPair>{{2, 5}}));
        QCOMPARE(g.across, (std::vector<ModelPair>{{1, 2}, {1, 5}, {3, 2}, {3, 5}}));
        // k larger than half the scored models is reduced so the groups never overlap.
        const PairGroups big = groupPairs(score, 10);
        QCOMPARE(big.top.size(), size_t(2));
        QCOMPARE(big.across.size(), size_t(4));
        QVERIFY(groupPairs({0.5}, 3).top.empty());
    }

    void meanCurveWithBand() {
        CurveSet curves = CurveSet::empty(3, 3);
        curves.setPair(0, 1, {1.0, 2.0, 1.0}, {0.9, 0.5, 0.9});
        curves.setPair(0, 2, {1.0, 4.0, 3.0}, {0.9, 0.1, 0.7});
        // (1, 2) is not computed: left out of the mean and of the count.
        const MeanCurve loss = meanCurve(curves, {{0, 1}, {0, 2}, {1, 2}}, false);
        QCOMPARE(loss.pairs, int64_t(2));
        QCOMPARE(loss.mean, (std::vector<double>{1.0, 3.0, 2.0}));
        // Population SD of {2, 4} is 1, of {1, 3} is 1, of {1, 1} is 0.
        QCOMPARE(loss.low, (std::vector<double>{1.0, 2.0, 1.0}));
        QCOMPARE(loss.high, (std::vector<double>{1.0, 4.0, 3.0}));
        // The reversed pair reads the mirrored curve.
        const MeanCurve reversed = meanCurve(curves, {{2, 0}}, true);
        QCOMPARE(reversed.mean, (std::vector<double>{0.7, 0.1, 0.9}));
        QCOMPARE(meanCurve(curves, {{1, 2}}, false).pairs, int64_t(0));
        // Skewed values: mean - SD would leave the range of the data; the band stops there.
        CurveSet skewed = CurveSet::empty(4, 2);
        skewed.setPair(0, 1, {1.0, 1.0}, {0.5, 0.0});
        skewed.setPair(0, 2, {1.0, 1.0}, {0.5, 0.0});
        skewed.setPair(0, 3, {1.0, 1.0}, {0.5, 0.9});
        const MeanCurve accuracy = meanCurve(skewed, {{0, 1}, {0, 2}, {0, 3}}, true);
        QCOMPARE(accuracy.low[0], 0.5); // no spread: the band is the mean
        QCOMPARE(accuracy.high[0], 0.5);
        QVERIFY(std::abs(accuracy.mean[1] - 0.3) < 1e-12);
        QCOMPARE(accuracy.low[1], 0.0); // 0.3 - 0.42 clipped to the lowest value
        QVERIFY(std::abs(accuracy.high[1] - (0.3 + std::sqrt(0.18))) < 1e-12);
    }

    void throttleLimitsRate() {
        ProgressThrottle throttle(50ms);
        const auto t0 = ProgressThrottle::Clock::time_point{} + 1s;
        throttle.start(t0);
        QVERIFY(throttle.accept(0, 100, t0));         // first
        QVERIFY(!throttle.accept(1, 100, t0 + 10ms)); // too soon
        QVERIFY(!throttle.accept(2, 100, t0 + 49ms));
        QVERIFY(throttle.accept(3, 100, t0 + 50ms)); // interval passed
        QVERIFY(!throttle.accept(4, 100, t0 + 60ms));
        QVERIFY(throttle.accept(5, 200, t0 + 61ms));   // a new stage (total changed)
        QVERIFY(throttle.accept(200, 200, t0 + 62ms)); // the last step always shows
        // 1000 steps over one second: at most ~20 shown.
        ProgressThrottle busy(50ms);
        busy.start(t0);
        int shown = 0;
        for (int k = 0; k <= 1000; ++k)
            shown += busy.accept(k, 1000, t0 + std::chrono::milliseconds(k)) ? 1 : 0;
        QVERIFY2(shown >= 20 && shown <= 22, qPrintable(QString::number(shown)));
    }

    void throttleEstimatesTimeLeft() {
        ProgressThrottle throttle;
        const auto t0 = ProgressThrottle::Clock::time_point{} + 1s;
        throttle.start(t0);
        throttle.accept(0, 100, t0 + 5s);                   // setup took 5 s: not part of the rate
        QVERIFY(throttle.secondsLeft(0, 100, t0 + 5s) < 0); // unknown yet
        throttle.accept(25, 100, t0 + 15s);
        // 25 steps in 10 s: 75 left take 30 s.
        QCOMPARE(throttle.secondsLeft(25, 100, t0 + 15s), 30.0);
    }

    void settingsAreTypedAndSignal() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings backend(file, QSettings::IniFormat);
            Settings settings(&backend);
            QSignalSpy recent(&settings, &Settings::recentFilesChanged);
            QSignalSpy connectivity(&settings, &Settings::connectivityOptionsChanged);
            for (int k = 0; k < 12; ++k)
                settings.addRecentFile(QStringLiteral("/s/%1.h5").arg(k));
            settings.addRecentFile(QStringLiteral("/s/3.h5")); // moves to the front
            QCOMPARE(recent.count(), 13);
            QCOMPARE(settings.recentFiles().size(), Settings::kMaxRecentFiles);
            QCOMPARE(settings.recentFiles().front(), QStringLiteral("/s/3.h5"));
            QCOMPARE(settings.recentFiles().count(QStringLiteral("/s/3.h5")), 1);
            settings.setHeatmapMatrix(QStringLiteral("bh"));
            settings.setHeatmapMatrix(QStringLiteral("bh")); // unchanged: no signal
            QCOMPARE(connectivity.count(), 1);
            settings.setGroupSize(0); // clamped
            QCOMPARE(settings.groupSize(), 1);
            settings.setExportSize(QSize(800, 500));
            QSignalSpy compute(&settings, &Settings::computeOptionsChanged);
            QCOMPARE(settings.memoryBudgetMiB(), 0); // the engine's default
            QCOMPARE(settings.precision(), QString());
            settings.setMemoryBudgetMiB(1536);
            settings.setMemoryBudgetMiB(-5); // clamped to the default
            QCOMPARE(settings.memoryBudgetMiB(), 0);
            settings.setMemoryBudgetMiB(1536);
            settings.setPrecision(QStringLiteral("bf16"));
            QCOMPARE(compute.count(), 4);
        }
        QSettings backend(file, QSettings::IniFormat);
        Settings reread(&backend);
        QCOMPARE(reread.heatmapMatrix(), QStringLiteral("bh"));
        QCOMPARE(reread.exportSize(), QSize(800, 500));
        QCOMPARE(reread.recentFiles().front(), QStringLiteral("/s/3.h5"));
        QCOMPARE(reread.curveMode(), QStringLiteral("pairs")); // default
        QCOMPARE(reread.memoryBudgetMiB(), 1536);
        QCOMPARE(reread.precision(), QStringLiteral("bf16"));
        backend.setValue(QStringLiteral("compute/precision"), QStringLiteral("fp8")); // unknown
        QCOMPARE(reread.precision(), QString());
    }

    void tableModelWithMissingValues() {
        ModelTable table;
        table.colors = {Qt::red, Qt::green, Qt::blue};
        ModelColumn name;
        name.id = QStringLiteral("name");
        name.title = QStringLiteral("Model");
        name.kind = ModelColumn::Kind::Text;
        name.texts = {QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")};
        ModelColumn score;
        score.id = QStringLiteral("score");
        score.title = QStringLiteral("Score");
        score.numbers = {0.5, kNaN, 0.2};
        table.columns = {name, score};
        ModelTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(table);
        ModelSortProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(1, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("c"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("a")); // missing: last
        proxy.sort(1, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("b"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("a")); // still last
        QCOMPARE(model.index(1, 1).data().toString(), QString());
        QCOMPARE(sortedModelOrder(score, true), (std::vector<int64_t>{2, 0, 1}));
        QCOMPARE(sortedModelOrder(score, false), (std::vector<int64_t>{0, 2, 1}));
        QCOMPARE(sortedModelOrder(name, true), (std::vector<int64_t>{1, 0, 2}));
        // New values for the same shape keep the rows (dataChanged, no reset).
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        table.columns[1].numbers[1] = 0.9;
        model.setTable(table);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
    }
};

QTEST_MAIN(TestGuiLogic)
#include "test_gui_logic.moc"
