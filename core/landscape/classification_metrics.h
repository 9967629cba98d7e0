#pragma once
// Confusion-matrix metrics: accuracy, F1 (of a positive class, or macro), Matthews correlation.

#include <cstdint>
#include <vector>

namespace bs {

// Counts of (true label, predicted label) over K classes.
class ConfusionMatrix {
public:
    explicit ConfusionMatrix(int64_t classes);
    void add(int64_t truth, int64_t predicted);
    void merge(const ConfusionMatrix& other);

    int64_t classes() const { return m_classes; }
    int64_t total() const { return m_total; }
    int64_t count(int64_t truth, int64_t predicted) const;

    double accuracy() const;
    // F1 of `positive` (sklearn f1_score(average="binary", pos_label=positive)); 0 when undefined.
    double f1(int64_t positive) const;
    // Mean F1 over the classes that occur in the truth or the predictions (sklearn
    // f1_score(average="macro"), whose labels are those that occur); a class never predicted
    // counts 0.
    double macroF1() const;
    // The F1 a study stores (docs/study-format.md): binary F1 of `positive` for two classes,
    // macro F1 for more; NaN for one class.
    double studyF1(int64_t positive) const;
    // Multiclass Matthews correlation as sklearn's matthews_corrcoef (0 when undefined).
    double mcc() const;

private:
    int64_t m_classes;
    int64_t m_total = 0;
    std::vector<int64_t> m_counts; // row = truth, column = prediction
};

} // namespace bs
