// Pair scheduling: every pair once, fewer model loads under a small cache, balanced shards.
#include "core/common/error.h"
#include "core/landscape/pair_schedule.h"

#include <QtTest>

#include <set>

using bs::ModelPair;

class TestPairSchedule : public QObject {
    Q_OBJECT
private slots:
    void allPairsCount() {
        QCOMPARE(bs::allPairs(1).size(), size_t(0));
        QCOMPARE(bs::allPairs(5).size(), size_t(10));
        for (const auto& [i, j] : bs::allPairs(7))
            QVERIFY(i < j);
    }
    void scheduleKeepsEveryPairOnce_data() {
        QTest::addColumn<int>("models");
        QTest::addColumn<int>("capacity");
        QTest::newRow("fits") << 10 << 12;
        QTest::newRow("tight") << 10 << 2;
        QTest::newRow("half") << 23 << 8;
        QTest::newRow("odd") << 100 << 27;
    }
    void scheduleKeepsEveryPairOnce() {
        QFETCH(int, models);
        QFETCH(int, capacity);
        const auto pairs = bs::allPairs(models);
        const auto order = bs::schedulePairs(pairs, models, capacity);
        QCOMPARE(order.size(), pairs.size());
        const std::set<ModelPair> unique(order.begin(), order.end());
        QCOMPARE(unique.size(), pairs.size());
    }
    void scheduleReducesLoads() {
        // 100 bert-base models in a 12 GB budget hold ~27 at a time.
        const int64_t models = 100, capacity = 27;
        const auto pairs = bs::allPairs(models);
        const int64_t naive = bs::countLoads(pairs, capacity);
        const int64_t scheduled =
            bs::countLoads(bs::schedulePairs(pairs, models, capacity), capacity);
        qInfo("loads for 100 models, cache 27: row order %lld, scheduled %lld",
              static_cast<long long>(naive), static_cast<long long>(scheduled));
        QVERIFY(scheduled * 3 < naive);
        // Lower bound: every model is loaded at least once.
        QVERIFY(scheduled >= models);
    }
    void everythingResidentLoadsOnce() {
        const auto order = bs::schedulePairs(bs::allPairs(12), 12, 12);
        QCOMPARE(bs::countLoads(order, 12), int64_t(12));
    }
    void shardsAreDisjointAndComplete() {
        const auto pairs = bs::allPairs(9);
        std::set<ModelPair> seen;
        size_t smallest = pairs.size(), largest = 0;
        for (int64_t k = 1; k <= 4; ++k) {
            const auto shard = bs::shardPairs(pairs, k, 4);
            smallest = std::min(smallest, shard.size());
            largest = std::max(largest, shard.size());
            for (const auto& p : shard)
                QVERIFY(seen.insert(p).second);
        }
        QCOMPARE(seen.size(), pairs.size());
        QVERIFY(largest - smallest <= 1);
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::shardPairs(pairs, 5, 4));
        QVERIFY_THROWS_EXCEPTION(bs::Error, bs::shardPairs(pairs, 0, 4));
    }
};

QTEST_GUILESS_MAIN(TestPairSchedule)
#include "test_pair_schedule.moc"
