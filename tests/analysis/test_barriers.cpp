// Barrier height, convexity gap, peak excess and AUC against the reference fixture and by hand.
#include "core/analysis/barriers.h"
#include "core/common/error.h"
#include "tests/analysis/fixture.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

// The definition taken literally: every slice [i, j] with j - i >= 2, every interior point.
double bruteForceConvexityGap(const std::vector<double>& l) {
    double best = 0.0;
    for (size_t i = 0; i < l.size(); ++i)
        for (size_t j = i + 2; j < l.size(); ++j)
            for (size_t k = i + 1; k < j; ++k) {
                const double chord = (double(j - k) * l[i] + double(k - i) * l[j]) / double(j - i);
                best = std::max(best, l[k] - chord);
            }
    return best;
}

} // namespace

class TestBarriers : public QObject {
    Q_OBJECT
private slots:
    void matchesReferenceCurves() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const auto fixture = bs::test::analysisFixture();
        const auto& curves = fixture.at("barriers").at("curves");
        QCOMPARE(curves.size(), size_t(40));
        double worst = 0.0;
        for (const auto& c : curves) {
            const auto loss = c.at("loss").get<std::vector<double>>();
            const bs::BarrierMetrics m = bs::barrierMetrics(loss);
            worst = std::max({worst, std::abs(m.barrierHeight - c.at("bh").get<double>()),
                              std::abs(m.convexityGap - c.at("cg").get<double>()),
                              std::abs(m.peakExcess - c.at("peak_excess").get<double>())});
        }
        qInfo("largest deviation from the fixture over 40 curves: %.3g", worst);
        QVERIFY(worst <= 1e-12);
    }

    void fixtureCurvesAgreeWithBruteForce() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const auto fixture = bs::test::analysisFixture();
        for (const auto& c : fixture.at("barriers").at("curves")) {
            const auto loss = c.at("loss").get<std::vector<double>>();
            QVERIFY(std::abs(bs::convexityGap(loss) - bruteForceConvexityGap(loss)) <= 1e-14);
        }
    }

    void randomCurvesAgreeWithBruteForce() {
        std::mt19937_64 gen(7); // raw engine output is specified by the standard
        for (int trial = 0; trial < 200; ++trial) {
            const size_t p = 2 + gen() % 100;
            std::vector<double> l(p);
            for (auto& v : l)
                v = double(gen() >> 11) * 0x1.0p-53;
            const double cg = bs::convexityGap(l);
            QVERIFY(std::abs(cg - bruteForceConvexityGap(l)) <= 1e-14);
            QVERIFY(cg >= bs::barrierHeight(l));
        }
    }

    // A monotone climb shaped like the toy findings' cross-group curves: a slow start, a jump,
    // a flattening (the concave part of the S), then a steep last step. The whole path stays
    // below its chord L[k] = k/3 (bh = 0) and nothing exceeds the higher endpoint, but the
    // slice [4, 8] (0.4 .. 1.7, chord 0.4 + 0.325 (k-4)) has 1.4 - 0.725 = 0.675 above it at k = 5.
    void monotoneSCurve() {
        const std::vector<double> climb{0.0, 0.1, 0.2, 0.3, 0.4, 1.4, 1.5, 1.6, 1.7, 3.0};
        QCOMPARE(bs::barrierHeight(climb), 0.0);
        QVERIFY(std::abs(bs::convexityGap(climb) - 0.675) < 1e-12);
        QCOMPARE(bs::peakExcess(climb), 0.0);
    }

    // A symmetric bump with equal endpoints: the full chord is flat and the best sub-slice is
    // the full one, so bh == cg == peak excess == the height of the bump.
    void symmetricBump() {
        const std::vector<double> l{0.2, 0.5, 0.9, 1.0, 0.9, 0.5, 0.2};
        QVERIFY(std::abs(bs::barrierHeight(l) - 0.8) < 1e-15);
        QVERIFY(std::abs(bs::convexityGap(l) - 0.8) < 1e-15);
        QVERIFY(std::abs(bs::peakExcess(l) - 0.8) < 1e-15);
    }

    void convexCurveHasNoBarrier() {
        const std::vector<double> l{1.0, 0.64, 0.36, 0.16, 0.04, 0.0, 0.04, 0.16, 0.36};
        QCOMPARE(bs::barrierHeight(l), 0.0);
        QCOMPARE(bs::convexityGap(l), 0.0);
        QCOMPARE(bs::peakExcess(l), 0.0);
    }

    // AUC by hand: straight line from 1 to 3 over [0, 1] minus its minimum 1 -> triangle 1.
    // A tent 0, 1, 0 on 3 points: two trapezoids of width 1/2 and mean height 1/2 -> 0.5.
    void areaUnderCurve() {
        QVERIFY(std::abs(bs::areaUnderCurve(std::vector<double>{1.0, 2.0, 3.0}) - 1.0) < 1e-15);
        QVERIFY(std::abs(bs::areaUnderCurve(std::vector<double>{0.0, 1.0, 0.0}) - 0.5) < 1e-15);
        QVERIFY(std::abs(bs::areaUnderCurve(std::vector<double>{5.0, 5.0}) - 0.0) < 1e-15);
        // Shifting the whole curve does not change it (the minimum is subtracted).
        const std::vector<double> a{0.3, 0.9, 0.4, 0.6}, b{10.3, 10.9, 10.4, 10.6};
        QVERIFY(std::abs(bs::areaUnderCurve(a) - bs::areaUnderCurve(b)) < 1e-12);
        // (0 + 0.6)/2 + (0.6 + 0.1)/2 + (0.1 + 0.3)/2 = 0.85, times step 1/3.
        QVERIFY(std::abs(bs::areaUnderCurve(a) - 0.85 / 3.0) < 1e-15);
    }

    void twoPointsHaveNoInterior() {
        const std::vector<double> l{0.7, 0.2};
        const bs::BarrierMetrics m = bs::barrierMetrics(l);
        QCOMPARE(m.barrierHeight, 0.0);
        QCOMPARE(m.convexityGap, 0.0);
        QCOMPARE(m.peakExcess, 0.0);
        QVERIFY(std::abs(m.auc - 0.25) < 1e-15);
    }

    void tooShortThrows() {
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::convexityGap(std::vector<double>{1.0}));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::barrierMetrics(std::vector<double>{}));
    }

    void nonFiniteGivesNaN() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        for (const auto& l : {std::vector<double>{0.1, nan, 0.2}, std::vector<double>{nan, 0.5},
                              std::vector<double>{0.1, 0.3, inf}}) {
            const bs::BarrierMetrics m = bs::barrierMetrics(l);
            QVERIFY(std::isnan(m.barrierHeight));
            QVERIFY(std::isnan(m.convexityGap));
            QVERIFY(std::isnan(m.peakExcess));
            QVERIFY(std::isnan(m.auc));
        }
    }
};

QTEST_GUILESS_MAIN(TestBarriers)
#include "test_barriers.moc"
