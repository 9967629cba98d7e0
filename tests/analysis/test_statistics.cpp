// Pearson r, its p-value, least squares, the incomplete beta behind them, and the adjusted Rand
// index: against the reference fixture and closed forms.
#include "core/analysis/rand_index.h"
#include "core/analysis/statistics.h"
#include "core/common/error.h"
#include "tests/analysis/fixture.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

class TestStatistics : public QObject {
    Q_OBJECT
private slots:
    void matchesScipyRegression() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const auto f = bs::test::analysisFixture().at("regression");
        const auto x = f.at("x").get<std::vector<double>>();
        const auto y = f.at("y").get<std::vector<double>>();
        const bs::Regression r = bs::linearRegression(x, y);
        QCOMPARE(r.n, int64_t(24));
        const double p = f.at("p_value").get<double>();
        qInfo("r %.17g (ref %.17g), p %.17g (ref %.17g), slope %.17g, intercept %.17g", r.r,
              f.at("pearson_r").get<double>(), r.p, p, r.slope, r.intercept);
        QVERIFY(std::abs(r.r - f.at("pearson_r").get<double>()) <= 1e-9);
        QVERIFY(std::abs(r.p - p) <= 1e-6 * p);
        QVERIFY(std::abs(r.slope - f.at("slope").get<double>()) <= 1e-9);
        QVERIFY(std::abs(r.intercept - f.at("intercept").get<double>()) <= 1e-9);
    }

    void incompleteBetaClosedForms() {
        for (double x : {0.0, 1e-6, 0.03, 0.25, 0.5, 0.8, 0.999, 1.0}) {
            for (double a : {0.5, 1.0, 3.0, 11.0, 40.0}) {
                QVERIFY(std::abs(bs::regularizedIncompleteBeta(a, 1.0, x) - std::pow(x, a)) <=
                        1e-13);
                QVERIFY(std::abs(bs::regularizedIncompleteBeta(1.0, a, x) -
                                 (1.0 - std::pow(1.0 - x, a))) <= 1e-13);
                // Symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
                QVERIFY(std::abs(bs::regularizedIncompleteBeta(a, 2.5, x) +
                                 bs::regularizedIncompleteBeta(2.5, a, 1.0 - x) - 1.0) <= 1e-13);
            }
            // I_x(2, 2) = 3x^2 - 2x^3 and I_x(1/2, 1/2) = (2/pi) asin(sqrt x).
            QVERIFY(std::abs(bs::regularizedIncompleteBeta(2.0, 2.0, x) -
                             (3 * x * x - 2 * x * x * x)) <= 1e-14);
            QVERIFY(std::abs(bs::regularizedIncompleteBeta(0.5, 0.5, x) -
                             2.0 / std::numbers::pi * std::asin(std::sqrt(x))) <= 1e-13);
        }
        // The prefactor comes from lgamma differences, so its relative error grows with a + b
        // (measured 1.2e-13 at a = b = 123; still far inside the 1e-6 needed for p-values).
        for (double a : {0.7, 5.0, 123.0})
            QVERIFY(std::abs(bs::regularizedIncompleteBeta(a, a, 0.5) - 0.5) <=
                    1e-15 * (a + a + 100));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::regularizedIncompleteBeta(-1.0, 1.0, 0.5));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::regularizedIncompleteBeta(1.0, 1.0, 1.5));
    }

    // Small tail values keep their relative precision (computed directly, not as 1 - ...):
    // I_x(a, 1) = x^a down to 1e-100.
    void incompleteBetaTinyTail() {
        const double v = bs::regularizedIncompleteBeta(50.0, 1.0, 0.01);
        QVERIFY(std::abs(v / 1e-100 - 1.0) <= 1e-12);
    }

    // Student t with 1 dof is Cauchy: P(|T| >= t) = 1 - (2/pi) atan t; with 2 dof it is
    // 1 - t / sqrt(2 + t^2).
    void studentTClosedForms() {
        for (double t : {0.0, 0.3, 1.0, 2.5, 40.0, -3.0}) {
            const double cauchy = 1.0 - 2.0 / std::numbers::pi * std::atan(std::abs(t));
            QVERIFY(std::abs(bs::studentTTwoSidedPValue(t, 1.0) - cauchy) <= 1e-13);
            const double two = 1.0 - std::abs(t) / std::sqrt(2.0 + t * t);
            QVERIFY(std::abs(bs::studentTTwoSidedPValue(t, 2.0) - two) <= 1e-13);
        }
        QCOMPARE(bs::studentTTwoSidedPValue(std::numeric_limits<double>::infinity(), 5.0), 0.0);
    }

    // With 3 pairs (1 dof) the p-value of r is P(|T| >= |r| / sqrt(1 - r^2)) for Cauchy T.
    void pearsonPValueThreePoints() {
        for (double r : {0.1, -0.5, 0.9, 0.999}) {
            const double t = r / std::sqrt(1.0 - r * r);
            const double expected = 1.0 - 2.0 / std::numbers::pi * std::atan(std::abs(t));
            QVERIFY(std::abs(bs::pearsonPValue(r, 3) - expected) <= 1e-12);
        }
    }

    void perfectLineAndDegenerateCases() {
        const std::vector<double> x{0.0, 1.0, 2.0, 3.0}, y{1.0, 3.0, 5.0, 7.0};
        const bs::Regression r = bs::linearRegression(x, y);
        QCOMPARE(r.r, 1.0);
        QCOMPARE(r.p, 0.0);
        QCOMPARE(r.slope, 2.0);
        QCOMPARE(r.intercept, 1.0);

        // Pairs with a NaN are skipped; two remaining points: r = -1, p = 1 (scipy).
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> x2{0.0, nan, 2.0, 5.0}, y2{4.0, 1.0, 0.0, nan};
        const bs::Regression two = bs::linearRegression(x2, y2);
        QCOMPARE(two.n, int64_t(2));
        QCOMPARE(two.r, -1.0);
        QCOMPARE(two.p, 1.0);
        QCOMPARE(two.slope, -2.0);
        QCOMPARE(two.intercept, 4.0);

        // Constant x: no correlation and no slope.
        const std::vector<double> cx{1.0, 1.0, 1.0}, cy{1.0, 2.0, 3.0};
        const bs::Regression c = bs::linearRegression(cx, cy);
        QVERIFY(std::isnan(c.r) && std::isnan(c.p) && std::isnan(c.slope));

        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::linearRegression(cx, std::vector<double>{1.0}));
    }

    void adjustedRandIndexByHand() {
        using V = std::vector<int>;
        QCOMPARE(bs::adjustedRandIndex(V{0, 0, 1, 1}, V{0, 0, 1, 1}), 1.0);
        QCOMPARE(bs::adjustedRandIndex(V{0, 0, 1, 1}, V{5, 5, 2, 2}), 1.0);
        // Every cell of the 2 x 2 contingency table holds 1: index 0, expected (2 * 2) / 6 = 2/3,
        // max 2 -> (0 - 2/3) / (2 - 2/3) = -1/2.
        QVERIFY(std::abs(bs::adjustedRandIndex(V{0, 0, 1, 1}, V{0, 1, 0, 1}) + 0.5) < 1e-15);
        // a = {0,0,0,1,1,1}, b = {0,0,1,1,2,2}: cells (0,0)=2, (0,1)=1, (1,1)=1, (1,2)=2 ->
        // index 1 + 1 = 2; rows 3 + 3 = 6; cols 1 + 1 + 1 = 3; total 15; expected 18/15 = 1.2;
        // max 4.5 -> (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3.
        QVERIFY(std::abs(bs::adjustedRandIndex(V{0, 0, 0, 1, 1, 1}, V{0, 0, 1, 1, 2, 2}) -
                         0.8 / 3.3) < 1e-15);
        // One cluster against all singletons: index 0, expected 0, max 1.5 -> 0.
        QCOMPARE(bs::adjustedRandIndex(V{0, 0, 0}, V{0, 1, 2}), 0.0);
        // Trivial partitions that agree.
        QCOMPARE(bs::adjustedRandIndex(V{3, 3, 3}, V{1, 1, 1}), 1.0);
        QCOMPARE(bs::adjustedRandIndex(V{0, 1, 2}, V{2, 0, 1}), 1.0);
        QCOMPARE(bs::adjustedRandIndex(V{}, V{}), 1.0);
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::adjustedRandIndex(V{0}, V{0, 1}));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "test_statistics.moc"
