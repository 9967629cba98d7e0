// Spectral embedding and clustering against scikit-learn 1.2.1 (fixture), small graphs solved by
// hand, invariance to the order of the models, determinism and the missing-pair policy.
#include "core/analysis/clustering.h"
#include "core/analysis/rand_index.h"
#include "core/analysis/spectral.h"
#include "core/common/error.h"
#include "tests/analysis/fixture.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

namespace {

// Largest |a - s b| over a column, with the sign s in {-1, 1} that fits best.
double columnErrorUpToSign(const bs::Matrix& a, const bs::Matrix& b, int64_t col) {
    double plus = 0.0, minus = 0.0;
    for (int64_t i = 0; i < a.rows; ++i) {
        plus = std::max(plus, std::abs(a(i, col) - b(i, col)));
        minus = std::max(minus, std::abs(a(i, col) + b(i, col)));
    }
    return std::min(plus, minus);
}

bs::Matrix permuted(const bs::Matrix& m, const std::vector<int64_t>& order) {
    return bs::submatrix(m, order);
}

} // namespace

class TestSpectralClustering : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (std::filesystem::exists(bs::test::analysisFixturePath())) {
            const auto s = bs::test::analysisFixture().at("spectral");
            m_distance = bs::test::matrixFromJson(s.at("distance"));
            m_embedding = bs::test::matrixFromJson(s.at("spectral_embedding_drop_first_false"));
            m_sklearnLabels = s.at("sklearn_labels").get<std::vector<int>>();
            m_trueLabels = s.at("true_labels").get<std::vector<int>>();
        }
    }

    void embeddingMatchesSklearn() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        QCOMPARE(m_distance.rows, int64_t(24));
        const bs::SpectralEmbedding e =
            bs::spectralEmbedding(bs::affinityFromDistances(m_distance, 1.0), 2);
        QCOMPARE(e.vectors.rows, int64_t(24));
        QCOMPARE(e.vectors.cols, int64_t(2));
        double worst = 0.0;
        for (int64_t c = 0; c < 2; ++c)
            worst = std::max(worst, columnErrorUpToSign(e.vectors, m_embedding, c));
        qInfo("largest deviation from sklearn's embedding: %.3g", worst);
        QVERIFY(worst <= 1e-6);
        QVERIFY(std::abs(e.eigenvalues[0]) < 1e-12); // the trivial eigenvector
        QVERIFY(e.eigenvalues[1] > 0.0);
        QVERIFY(e.connected);
    }

    void labelsMatchSklearn() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const bs::Clustering c = bs::clusterDistances(m_distance); // k = 2, delta = 1, seed 42
        QCOMPARE(bs::adjustedRandIndex(c.labels, m_sklearnLabels), 1.0);
        QCOMPARE(c.models.size(), size_t(24));
        QVERIFY(c.excluded.empty());
        QCOMPARE(c.delta, 1.0);
        // The same through a precomputed affinity.
        const bs::Clustering direct =
            bs::spectralClustering(bs::affinityFromDistances(m_distance, 1.0), 2);
        QCOMPARE(direct.labels, c.labels);
    }

    // centroid_distance: k-means (k = 2) centers on the embedding and the score
    // ||e - c0|| - ||e - c1||, which is regression.x. Centroid order is arbitrary, so the
    // centers are matched as a set and the score up to sign.
    void centroidScoreMatchesReference() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const auto f = bs::test::analysisFixture();
        const bs::Matrix refCenters =
            bs::test::matrixFromJson(f.at("centroid_distance").at("centers"));
        const auto refKmLabels =
            f.at("centroid_distance").at("kmeans_labels").get<std::vector<int>>();
        const auto refScore = f.at("regression").at("x").get<std::vector<double>>();

        const bs::Clustering c = bs::clusterDistances(m_distance);
        QCOMPARE(bs::adjustedRandIndex(c.labels, refKmLabels), 1.0);
        // Our centroids are sign-fixed like the embedding; compare with the reference's after
        // matching columns' signs through the embedding.
        std::vector<double> colSign(2, 1.0);
        for (int64_t col = 0; col < 2; ++col) {
            double dot = 0.0;
            for (int64_t i = 0; i < 24; ++i)
                dot += c.embedding(i, col) * m_embedding(i, col);
            colSign[size_t(col)] = dot >= 0 ? 1.0 : -1.0;
        }
        double bestCenterErr = std::numeric_limits<double>::infinity();
        for (int swap = 0; swap < 2; ++swap) {
            double err = 0.0;
            for (int64_t r = 0; r < 2; ++r)
                for (int64_t col = 0; col < 2; ++col)
                    err = std::max(err, std::abs(colSign[size_t(col)] * c.centers(r, col) -
                                                 refCenters(swap ? 1 - r : r, col)));
            bestCenterErr = std::min(bestCenterErr, err);
        }
        QVERIFY(bestCenterErr <= 1e-6);

        QCOMPARE(c.score.size(), size_t(24));
        double plus = 0.0, minus = 0.0;
        for (size_t i = 0; i < 24; ++i) {
            plus = std::max(plus, std::abs(c.score[i] - refScore[i]));
            minus = std::max(minus, std::abs(c.score[i] + refScore[i]));
        }
        qInfo("score deviation up to sign: %.3g", std::min(plus, minus));
        QVERIFY(std::min(plus, minus) <= 1e-6);
        // Cluster 0 is the larger one: its members are nearer c0, so their score is negative.
        for (size_t i = 0; i < 24; ++i)
            QCOMPARE(c.score[i] < 0, c.labels[i] == 0);
    }

    void invariantToModelOrder() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const bs::Clustering base = bs::clusterDistances(m_distance);
        std::mt19937_64 gen(3);
        for (int trial = 0; trial < 5; ++trial) {
            std::vector<int64_t> order(24);
            std::iota(order.begin(), order.end(), 0);
            for (size_t i = order.size() - 1; i > 0; --i) // Fisher-Yates on raw engine output
                std::swap(order[i], order[size_t(gen() % (i + 1))]);
            const bs::Clustering c = bs::clusterDistances(permuted(m_distance, order));
            std::vector<int> back(24);
            for (size_t i = 0; i < 24; ++i)
                back[size_t(order[i])] = c.labels[i];
            QCOMPARE(bs::adjustedRandIndex(back, base.labels), 1.0);
            for (int64_t col = 0; col < 2; ++col)
                for (size_t i = 0; i < 24; ++i)
                    QVERIFY(std::abs(std::abs(c.embedding(int64_t(i), col)) -
                                     std::abs(base.embedding(order[i], col))) < 1e-9);
        }
    }

    void deterministicForASeed() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        bs::ClusteringOptions o;
        o.kmeans.seed = 1234;
        const bs::Clustering a = bs::clusterDistances(m_distance, o);
        const bs::Clustering b = bs::clusterDistances(m_distance, o);
        QCOMPARE(a.labels, b.labels);
        QCOMPARE(a.centers.values, b.centers.values);
        QCOMPARE(a.inertia, b.inertia);
        // Well separated groups: any seed finds the same partition.
        for (uint64_t seed : {0ULL, 1ULL, 99ULL}) {
            o.kmeans.seed = seed;
            QCOMPARE(bs::adjustedRandIndex(bs::clusterDistances(m_distance, o).labels, a.labels),
                     1.0);
        }
    }

    void missingPairsThrowOrExclude() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        bs::Matrix d = m_distance;
        d(3, 7) = nan; // one triangle only: the other holds the value
        const bs::Clustering oneSided = bs::clusterDistances(d);
        QCOMPARE(oneSided.labels, bs::clusterDistances(m_distance).labels);

        d(7, 3) = nan;
        d(3, 9) = d(9, 3) = nan;
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::clusterDistances(d));
        bs::ClusteringOptions o;
        o.missing = bs::MissingDistances::ExcludeModels;
        const bs::Clustering c = bs::clusterDistances(d, o);
        // Model 3 misses two pairs, 7 and 9 one each: dropping 3 completes the matrix.
        QCOMPARE(c.excluded, std::vector<int64_t>{3});
        QCOMPARE(c.models.size(), size_t(23));
        std::vector<int> expected;
        for (int64_t m : c.models)
            expected.push_back(m_sklearnLabels[size_t(m)]);
        QCOMPARE(bs::adjustedRandIndex(c.labels, expected), 1.0);

        // A tie (one missing pair, two models): the higher index goes.
        bs::Matrix t = m_distance;
        t(2, 5) = t(5, 2) = nan;
        QCOMPARE(bs::modelsWithCompleteDistances(t).size(), size_t(23));
        QCOMPARE(bs::clusterDistances(t, o).excluded, std::vector<int64_t>{5});
    }

    void medianScaledDelta() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        bs::ClusteringOptions o;
        o.medianDelta = true;
        const bs::Clustering c = bs::clusterDistances(m_distance, o);
        QCOMPARE(c.delta, bs::medianOffDiagonal(m_distance));
        QVERIFY(c.delta > 0.0 && c.delta != 1.0);
        qInfo("median delta %.4f: ARI against the generating groups %.3f", c.delta,
              bs::adjustedRandIndex(c.labels, m_trueLabels));
    }

    void affinityAndMedianByHand() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        bs::Matrix d = bs::Matrix::filled(3, 3, 0.0);
        d(0, 1) = d(1, 0) = 1.0;
        d(0, 2) = d(2, 0) = 2.0;
        d(1, 2) = 3.0;
        d(2, 1) = nan;
        const bs::Matrix a = bs::affinityFromDistances(d, 2.0);
        QCOMPARE(a(0, 0), 1.0);
        QCOMPARE(a(0, 1), std::exp(-1.0 / 8.0));
        QCOMPARE(a(2, 0), std::exp(-4.0 / 8.0));
        QVERIFY(std::isnan(a(2, 1)));
        // Finite off-diagonal entries 1, 1, 2, 2, 3 -> median 2.
        QCOMPARE(bs::medianOffDiagonal(d), 2.0);
        QCOMPARE(bs::medianScaledDelta(bs::Matrix::filled(3, 3, 0.0)), 1.0);
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::affinityFromDistances(d, 0.0));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::affinityFromDistances(bs::Matrix::filled(2, 3), 1));
    }

    // Path graph 0 - 1 - 2 (unit weights). Normalized: degrees 1, 2, 1, L = I - D^-1/2 A D^-1/2
    // has eigenvalues 0, 1, 2; the first eigenvector D^1/2 1 / 2 divided by sqrt(degree) is
    // (1/2, 1/2, 1/2); the second (1, 0, -1)/sqrt 2 (degree 1 at both ends). Unnormalized:
    // L = D - A with eigenvalues 0, 1, 3 and Fiedler vector (1, 0, -1)/sqrt 2.
    void pathGraphByHand() {
        bs::Matrix a = bs::Matrix::filled(3, 3, 0.0);
        a(0, 1) = a(1, 0) = a(1, 2) = a(2, 1) = 1.0;
        a(0, 0) = 7.0; // self-affinity is ignored (scipy zeroes the diagonal)
        const bs::SpectralEmbedding e = bs::spectralEmbedding(a, 2);
        QVERIFY(std::abs(e.eigenvalues[0]) < 1e-14 && std::abs(e.eigenvalues[1] - 1.0) < 1e-14);
        const double r = 1.0 / std::sqrt(2.0);
        for (int64_t i = 0; i < 3; ++i)
            QVERIFY(std::abs(e.vectors(i, 0) - 0.5) < 1e-14);
        QVERIFY(std::abs(std::abs(e.vectors(0, 1)) - r) < 1e-14);
        QVERIFY(std::abs(e.vectors(1, 1)) < 1e-14);
        QVERIFY(std::abs(e.vectors(0, 1) + e.vectors(2, 1)) < 1e-14);

        const bs::SpectralEmbedding u = bs::spectralEmbedding(a, 1, false, true);
        QCOMPARE(u.vectors.cols, int64_t(1));
        QVERIFY(std::abs(u.eigenvalues[0] - 1.0) < 1e-14);
        QVERIFY(std::abs(std::abs(u.vectors(0, 0)) - r) < 1e-14);
        const bs::SpectralEmbedding u3 = bs::spectralEmbedding(a, 3, false, false);
        QVERIFY(std::abs(u3.eigenvalues[2] - 3.0) < 1e-13);
        QVERIFY(u3.connected);
    }

    // The sign of every vector puts its largest-magnitude entry positive.
    void signIsDeterministic() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const bs::SpectralEmbedding e =
            bs::spectralEmbedding(bs::affinityFromDistances(m_distance, 1.0), 3);
        for (int64_t c = 0; c < 3; ++c) {
            double best = 0.0;
            for (int64_t i = 0; i < e.vectors.rows; ++i)
                if (std::abs(e.vectors(i, c)) > std::abs(best))
                    best = e.vectors(i, c);
            QVERIFY(best > 0.0);
        }
    }

    void disconnectedGraphIsReported() {
        bs::Matrix a = bs::Matrix::filled(4, 4, 0.0);
        a(0, 1) = a(1, 0) = 1.0;
        a(2, 3) = a(3, 2) = 0.5;
        const bs::Clustering c = bs::spectralClustering(a, 2);
        QVERIFY(!c.graphConnected);
        QCOMPARE(bs::adjustedRandIndex(c.labels, std::vector<int>{0, 0, 1, 1}), 1.0);
    }

    void invalidInputsThrow() {
        bs::Matrix a = bs::Matrix::filled(3, 3, 1.0);
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::spectralEmbedding(a, 4));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::spectralEmbedding(a, 3, true, true));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::spectralClustering(a, 0));
        a(0, 1) = a(1, 0) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::spectralEmbedding(a, 2));
        bs::ClusteringOptions three;
        three.clusters = 3;
        QVERIFY_THROWS_EXCEPTION(bs::Error,
                                 bs::clusterDistances(bs::Matrix::filled(2, 2, 0.0), three));
    }

private:
    bs::Matrix m_distance, m_embedding;
    std::vector<int> m_sklearnLabels, m_trueLabels;
};

QTEST_GUILESS_MAIN(TestSpectralClustering)
#include "test_spectral_clustering.moc"
