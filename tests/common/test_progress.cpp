// Progress: a callback returning false cancels; a cancelled token throws bs::Cancelled.
#include "core/common/error.h"
#include "core/common/progress.h"

#include <QtTest>

class TestProgress : public QObject {
    Q_OBJECT
private slots:
    void reportsEachStep() {
        std::vector<int64_t> seen;
        bs::Progress progress([&](int64_t done, int64_t total, const std::string&) {
            seen.push_back(done * 100 + total);
            return true;
        });
        progress.step(1, 3);
        progress.step(3, 3);
        QCOMPARE(seen.size(), size_t(2));
        QCOMPARE(seen[1], int64_t(303));
    }
    void callbackFalseCancels() {
        bs::CancelToken token;
        bs::Progress progress([](int64_t, int64_t, const std::string&) { return false; }, token);
        QVERIFY_THROWS_EXCEPTION(bs::Cancelled, progress.step(1, 2));
        QVERIFY(token.cancelled());
    }
    void tokenSharedBetweenCopies() {
        bs::CancelToken a;
        bs::CancelToken b = a;
        b.cancel();
        QVERIFY(a.cancelled());
        bs::Progress progress({}, a);
        QVERIFY_THROWS_EXCEPTION(bs::Cancelled, progress.checkCancelled());
    }
};

QTEST_GUILESS_MAIN(TestProgress)
#include "test_progress.moc"
