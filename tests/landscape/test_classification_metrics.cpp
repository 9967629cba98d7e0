// Accuracy, F1 and MCC from a confusion matrix, against values worked out by hand.
#include "core/common/error.h"
#include "core/landscape/classification_metrics.h"

#include <QtTest>

#include <cmath>

class TestClassificationMetrics : public QObject {
    Q_OBJECT
private slots:
    void binary() {
        // truth/prediction: TP=3, FN=1, FP=2, TN=4.
        bs::ConfusionMatrix m(2);
        for (int i = 0; i < 3; ++i)
            m.add(1, 1);
        m.add(1, 0);
        m.add(0, 1);
        m.add(0, 1);
        for (int i = 0; i < 4; ++i)
            m.add(0, 0);
        QCOMPARE(m.total(), int64_t(10));
        QCOMPARE(m.accuracy(), 0.7);
        // F1 = 2TP / (2TP + FP + FN) = 6 / 9.
        QVERIFY(std::abs(m.f1(1) - 6.0 / 9.0) < 1e-15);
        // MCC = (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = 10 / sqrt(5*4*6*5).
        QVERIFY(std::abs(m.mcc() - 10.0 / std::sqrt(600.0)) < 1e-15);
    }
    void multiclassMcc() {
        // A perfect 3-class prediction has MCC 1, a constant prediction 0.
        bs::ConfusionMatrix perfect(3), constant(3);
        for (int c = 0; c < 3; ++c) {
            perfect.add(c, c);
            constant.add(c, 0);
        }
        QCOMPARE(perfect.mcc(), 1.0);
        QCOMPARE(constant.mcc(), 0.0);
        QVERIFY(std::abs(constant.accuracy() - 1.0 / 3.0) < 1e-15);
    }
    void outOfRangeLabelIsAnError() {
        bs::ConfusionMatrix m(2);
        QVERIFY_THROWS_EXCEPTION(bs::Error, m.add(2, 0));
        QVERIFY(std::isnan(m.accuracy()));
    }
};

QTEST_GUILESS_MAIN(TestClassificationMetrics)
#include "test_classification_metrics.moc"
