// Euclidean distances between flat parameter vectors: exact small cases and long-vector accuracy.
#include "core/analysis/distance.h"
#include "core/common/error.h"

#include <QtTest>

#include <cmath>
#include <vector>

class TestDistance : public QObject {
    Q_OBJECT
private slots:
    void pythagoreanTriple() {
        const std::vector<float> a{1.0f, 2.0f, 3.0f}, b{4.0f, 6.0f, 3.0f};
        QCOMPARE(bs::euclideanDistance(std::span<const float>(a), std::span<const float>(b)), 5.0);
        QCOMPARE(bs::euclideanDistance(a.data(), b.data(), 3), 5.0);
        QCOMPARE(bs::squaredEuclideanDistance(a.data(), b.data(), 3), 25.0);
        const std::vector<double> c{1.0, 2.0, 3.0}, d{4.0, 6.0, 3.0};
        QCOMPARE(bs::euclideanDistance(std::span<const double>(c), std::span<const double>(d)),
                 5.0);
        QCOMPARE(bs::euclideanNorm(std::span<const float>(b)), std::sqrt(61.0));
    }

    // Lengths that are not multiples of the unrolling (8) or the chunk (4096) are summed fully.
    void everyElementCounts() {
        for (int64_t n : {0, 1, 7, 8, 9, 4095, 4096, 4097, 12289}) {
            const std::vector<float> a(size_t(n), 1.0f), b(size_t(n), 0.0f);
            QCOMPARE(bs::squaredEuclideanDistance(a.data(), b.data(), n), double(n));
        }
    }

    // 2^25 differences of 0.1f: accumulating in float would stall once the running sum is
    // large (float has 24 bits); in double the relative error stays near machine epsilon.
    void longVectorsAccumulateInDouble() {
        const int64_t n = int64_t(1) << 25;
        std::vector<float> a(size_t(n), 0.1f);
        const std::vector<float> zero(size_t(n), 0.0f);
        const double term = double(0.1f) * double(0.1f);
        const double exact = std::sqrt(term * double(n));
        const double got = bs::euclideanDistance(a.data(), zero.data(), n);
        QVERIFY(std::abs(got - exact) / exact < 1e-14);
        // The float-accumulated reference is far off, which is why the helper exists.
        float naive = 0.0f;
        for (int64_t i = 0; i < n; ++i)
            naive += a[size_t(i)] * a[size_t(i)];
        QVERIFY(std::abs(std::sqrt(double(naive)) - exact) / exact > 1e-3);
    }

    void mismatchedLengthsThrow() {
        const std::vector<float> a(3), b(4);
        QVERIFY_THROWS_EXCEPTION(
            bs::Error, bs::euclideanDistance(std::span<const float>(a), std::span<const float>(b)));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::squaredEuclideanDistance(a.data(), b.data(), -1));
    }

    void pairwiseMatrix() {
        const std::vector<float> p0{0.0f, 0.0f}, p1{3.0f, 4.0f}, p2{0.0f, 1.0f};
        const bs::Matrix d = bs::pairwiseEuclideanDistances({p0, p1, p2});
        QCOMPARE(d.rows, int64_t(3));
        QCOMPARE(d.at(0, 0), 0.0);
        QCOMPARE(d.at(0, 1), 5.0);
        QCOMPARE(d.at(1, 0), 5.0);
        QCOMPARE(d.at(0, 2), 1.0);
        QCOMPARE(d.at(1, 2), std::sqrt(18.0));
        QVERIFY(bs::isSymmetric(d));
        QVERIFY_THROWS_EXCEPTION(bs::Error, d.at(3, 0));
    }
};

QTEST_GUILESS_MAIN(TestDistance)
#include "test_distance.moc"
