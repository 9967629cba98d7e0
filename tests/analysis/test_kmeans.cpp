// k-means (k-means++ init, Lloyd, restarts) and its generator on small point sets solved by hand.
#include "core/analysis/kmeans.h"
#include "core/analysis/rand_index.h"
#include "core/analysis/random.h"
#include "core/common/error.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace {

bs::Matrix points(const std::vector<std::vector<double>>& rows) {
    bs::Matrix m = bs::Matrix::filled(int64_t(rows.size()), int64_t(rows[0].size()), 0.0);
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = 0; j < rows[i].size(); ++j)
            m(int64_t(i), int64_t(j)) = rows[i][j];
    return m;
}

} // namespace

class TestKMeans : public QObject {
    Q_OBJECT
private slots:
    // Three tight groups of 4, 3 and 2 points: the partition, the centroids (group means) and
    // the order of the labels (largest cluster first) are known by hand.
    void threeGroups() {
        const bs::Matrix p = points(
            {{10, 10}, {12, 10}, {0, 0}, {10, 12}, {1, 0}, {12, 12}, {0, 1}, {-20, 5}, {-20, 7}});
        const bs::KMeansResult r = bs::kMeans(p, 3);
        const std::vector<int> expected{0, 0, 1, 0, 1, 0, 1, 2, 2};
        QCOMPARE(r.labels, expected);
        QCOMPARE(r.centers.at(0, 0), 11.0);
        QCOMPARE(r.centers.at(0, 1), 11.0);
        QVERIFY(std::abs(r.centers.at(1, 0) - 1.0 / 3.0) < 1e-14);
        QVERIFY(std::abs(r.centers.at(1, 1) - 1.0 / 3.0) < 1e-14);
        QCOMPARE(r.centers.at(2, 0), -20.0);
        QCOMPARE(r.centers.at(2, 1), 6.0);
        // Inertia: 4 * 2 (corners of a 2 x 2 square around its centre) + (5/9 + 5/9 + 2/9)
        // (triangle (0,0), (1,0), (0,1) around (1/3, 1/3)) + 2 * 1.
        QVERIFY(std::abs(r.inertia - (8.0 + 12.0 / 9.0 + 2.0)) < 1e-12);
    }

    void oneClusterIsTheMean() {
        const bs::Matrix p = points({{1, 2}, {3, 4}, {5, 9}});
        const bs::KMeansResult r = bs::kMeans(p, 1);
        QCOMPARE(r.labels, (std::vector<int>{0, 0, 0}));
        QCOMPARE(r.centers.at(0, 0), 3.0);
        QCOMPARE(r.centers.at(0, 1), 5.0);
        // (4 + 9) + (0 + 1) + (4 + 16)
        QVERIFY(std::abs(r.inertia - 34.0) < 1e-12);
    }

    void asManyClustersAsPoints() {
        const bs::Matrix p = points({{0.0}, {1.0}, {5.0}, {5.5}});
        const bs::KMeansResult r = bs::kMeans(p, 4);
        QCOMPARE(r.inertia, 0.0);
        QCOMPARE(bs::adjustedRandIndex(r.labels, std::vector<int>{0, 1, 2, 3}), 1.0);
        // All clusters have size 1: ordered by their point.
        QCOMPARE(r.labels, (std::vector<int>{0, 1, 2, 3}));
    }

    // Duplicated points: fewer distinct points than clusters still yields k labels in range.
    void duplicatePoints() {
        const bs::Matrix p = points({{1.0, 1.0}, {1.0, 1.0}, {1.0, 1.0}, {4.0, 4.0}});
        const bs::KMeansResult r = bs::kMeans(p, 2);
        QCOMPARE(r.labels, (std::vector<int>{0, 0, 0, 1}));
        QCOMPARE(r.inertia, 0.0);
    }

    void sameSeedSameResult() {
        // 30 points on a noisy ring: no clear clusters, so starts disagree and the seed matters.
        bs::Rng noise(5);
        bs::Matrix p = bs::Matrix::filled(30, 2, 0.0);
        for (int64_t i = 0; i < 30; ++i) {
            const double t = 2.0 * std::numbers::pi * double(i) / 30.0;
            p(i, 0) = std::cos(t) + 0.1 * noise.uniform();
            p(i, 1) = std::sin(t) + 0.1 * noise.uniform();
        }
        bs::KMeansOptions o;
        o.seed = 77;
        const bs::KMeansResult a = bs::kMeans(p, 5, o);
        const bs::KMeansResult b = bs::kMeans(p, 5, o);
        QCOMPARE(a.labels, b.labels);
        QCOMPARE(a.centers.values, b.centers.values);
        QCOMPARE(a.inertia, b.inertia);
        // More starts never give a worse optimum than the first of them alone.
        o.initializations = 1;
        QVERIFY(bs::kMeans(p, 5, o).inertia >= a.inertia - 1e-12);
    }

    void relabelBySize() {
        const std::vector<int> labels{2, 0, 2, 1, 1, 2};
        // Sizes: 0 -> 1, 1 -> 2, 2 -> 3.
        QCOMPARE(bs::sizeOrderedRelabeling(labels, 3), (std::vector<int>{2, 1, 0}));
        // Equal sizes: the cluster whose first point comes first is 0.
        QCOMPARE(bs::sizeOrderedRelabeling(std::vector<int>{1, 0, 1, 0}, 2),
                 (std::vector<int>{1, 0}));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::sizeOrderedRelabeling(std::vector<int>{3}, 2));
    }

    void invalidInputsThrow() {
        const bs::Matrix p = points({{0.0}, {1.0}});
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::kMeans(p, 3));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::kMeans(p, 0));
        bs::Matrix q = p;
        q(1, 0) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::kMeans(q, 1));
    }

    void generatorIsSeededAndUniform() {
        bs::Rng a(42), b(42), c(43);
        bool differs = false;
        for (int i = 0; i < 100; ++i) {
            const uint64_t x = a.next();
            QCOMPARE(x, b.next());
            differs = differs || x != c.next();
        }
        QVERIFY(differs);
        // 60000 draws: counts of below(3) and the mean of uniform() near their expectations
        // (bounds are > 6 standard deviations).
        bs::Rng r(1);
        int counts[3] = {0, 0, 0};
        double sum = 0.0;
        for (int i = 0; i < 60000; ++i) {
            const uint64_t v = r.below(3);
            QVERIFY(v < 3);
            ++counts[v];
            const double u = r.uniform();
            QVERIFY(u >= 0.0 && u < 1.0);
            sum += u;
        }
        for (int k = 0; k < 3; ++k)
            QVERIFY(std::abs(counts[k] - 20000) < 750);
        QVERIFY(std::abs(sum / 60000.0 - 0.5) < 0.008);
    }
};

QTEST_GUILESS_MAIN(TestKMeans)
#include "test_kmeans.moc"
