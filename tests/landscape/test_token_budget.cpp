// Token-budget batches: every example exactly once, length-sorted, no batch over the budget
// unless one example alone exceeds it, and the default per precision and device.
#include "core/common/error.h"
#include "core/jobs/benchmark.h"
#include "core/landscape/batch_plan.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include <set>

using namespace bs;

namespace {

EncodedDataset withLengths(const std::vector<int64_t>& lengths) {
    EncodedDataset data;
    data.name = "lengths";
    data.labelNames = {"a", "b"};
    for (size_t i = 0; i < lengths.size(); ++i) {
        data.inputIds.emplace_back(static_cast<size_t>(lengths[i]), 1000);
        data.tokenTypeIds.emplace_back(static_cast<size_t>(lengths[i]), 0);
        data.labels.push_back(static_cast<int64_t>(i % 2));
        data.rows.push_back(static_cast<int64_t>(i));
    }
    return data;
}

} // namespace

class TestTokenBudget : public QObject {
    Q_OBJECT

private slots:
    void batchesFitTheBudget() {
        const ModelConfig config = benchmarkGeometry("2,64");
        const EncodedDataset data = withLengths(mnliLikeLengths(500, 3, 256));
        for (int64_t budget : {300, 1024, 4096}) {
            const BatchPlan plan(data, config, 64, at::kCPU, budget);
            std::set<int64_t> seen;
            int64_t previousLength = 0;
            for (const PlannedBatch& batch : plan.batches()) {
                const int64_t rows = batch.tokens.inputIds.size(0);
                const int64_t length = batch.tokens.inputIds.size(1);
                QVERIFY2(rows * length <= budget || rows == 1,
                         qPrintable(QString("%1 x %2 over %3").arg(rows).arg(length).arg(budget)));
                QVERIFY(length >= previousLength); // sorted by length
                previousLength = length;
                for (int64_t e : batch.examples)
                    QVERIFY(seen.insert(e).second);
            }
            QCOMPARE(static_cast<int64_t>(seen.size()), data.size());
            QCOMPARE(plan.realTokens(), [&] {
                int64_t total = 0;
                for (const auto& ids : data.inputIds)
                    total += static_cast<int64_t>(ids.size());
                return total;
            }());
        }
        // A budget below the longest example still gives it a batch of its own.
        const BatchPlan tiny(withLengths({5, 40, 7}), config, 64, at::kCPU, 10);
        QCOMPARE(static_cast<int64_t>(tiny.batches().size()), int64_t(3));
        // Zero keeps the fixed batch size.
        const BatchPlan fixed(data, config, 64, at::kCPU, 0);
        QCOMPARE(static_cast<int64_t>(fixed.batches().size()), int64_t(8));
        QVERIFY_THROWS_EXCEPTION(Error, BatchPlan(data, config, 64, at::kCPU, -1));
    }

    void defaults() {
        QCOMPARE(defaultTokenBudget(false, false), int64_t(0)); // fp32 results stay as they were
        QCOMPARE(defaultTokenBudget(false, true), int64_t(0));
        QVERIFY(defaultTokenBudget(true, false) > 0);
        QVERIFY(defaultTokenBudget(true, true) >= defaultTokenBudget(true, false));
    }
};

QTEST_GUILESS_MAIN(TestTokenBudget)
#include "test_token_budget.moc"
