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
    // Macro F1 of three classes, worked out by hand from the confusion matrix (rows truth,
    // columns prediction) as sklearn's f1_score(average="macro") defines it:
    //   5 2 1     F1_0 = 2*5 / (8 + 8) = 5/8
    //   1 3 0     F1_1 = 2*3 / (5 + 4) = 2/3
    //   2 0 0     F1_2 = 0 (predicted once, never right)     macro = (5/8 + 2/3 + 0) / 3 = 31/72
    void macroF1OfThreeClasses() {
        const int counts[3][3] = {{5, 2, 1}, {1, 3, 0}, {2, 0, 0}};
        bs::ConfusionMatrix m(3);
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p)
                for (int k = 0; k < counts[t][p]; ++k)
                    m.add(t, p);
        QVERIFY(std::abs(m.macroF1() - 31.0 / 72.0) < 1e-15);
        // A study stores macro F1 for more than two labels, whatever the positive label.
        QCOMPARE(m.studyF1(1), m.macroF1());
        // The binary F1 of label 1 is a different number: 2*3 / (5 + 4).
        QVERIFY(std::abs(m.f1(1) - 2.0 / 3.0) < 1e-15);
    }
    // sklearn averages over the labels that occur in the truth or the predictions: a third
    // label that never occurs does not count as a zero.
    void macroF1SkipsLabelsThatNeverOccur() {
        bs::ConfusionMatrix m(3);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        // F1_0 = 2*1 / (1 + 2) = 2/3, F1_1 = 2*1 / (2 + 1) = 2/3, label 2 absent.
        QVERIFY(std::abs(m.macroF1() - 2.0 / 3.0) < 1e-15);
        // Everything predicted as class 0:
        bs::ConfusionMatrix constant(3);
        for (int c = 0; c < 3; ++c)
            constant.add(c, 0);
        constant.add(0, 0);
        // truth 0 twice (both right), 1 and 2 once each, predicted 0 four times:
        // F1_0 = 2*2 / (4 + 2) = 2/3, F1_1 = F1_2 = 0 -> 2/9.
        QVERIFY(std::abs(constant.macroF1() - 2.0 / 9.0) < 1e-15);
    }
    // Two labels: the binary F1 of the positive label (the docs' "binary F1 for two labels").
    void studyF1OfTwoLabelsIsBinary() {
        bs::ConfusionMatrix m(2);
        m.add(1, 1);
        m.add(1, 0);
        m.add(0, 0);
        m.add(0, 0);
        QCOMPARE(m.studyF1(1), m.f1(1));
        QVERIFY(std::abs(m.studyF1(1) - 2.0 / 3.0) < 1e-15);
        QVERIFY(std::isnan(bs::ConfusionMatrix(1).studyF1(1)));
    }
    void outOfRangeLabelIsAnError() {
        bs::ConfusionMatrix m(2);
        QVERIFY_THROWS_EXCEPTION(bs::Error, m.add(2, 0));
        QVERIFY(std::isnan(m.accuracy()));
    }
};

QTEST_GUILESS_MAIN(TestClassificationMetrics)
#include "test_classification_metrics.moc"
