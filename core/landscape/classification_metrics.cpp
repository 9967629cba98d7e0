#include "core/landscape/classification_metrics.h"

#include "core/common/error.h"

#include <cmath>
#include <string>

namespace bs {

ConfusionMatrix::ConfusionMatrix(int64_t classes)
    : m_classes(classes)
    , m_counts(static_cast<size_t>(classes * classes), 0) {
    if (classes < 1)
        throw Error("confusion matrix needs at least one class");
}

void ConfusionMatrix::add(int64_t truth, int64_t predicted) {
    if (truth < 0 || truth >= m_classes || predicted < 0 || predicted >= m_classes)
        throw Error("label " + std::to_string(truth) + "/" + std::to_string(predicted) +
                    " outside 0.." + std::to_string(m_classes - 1));
    ++m_counts[static_cast<size_t>(truth * m_classes + predicted)];
    ++m_total;
}

void ConfusionMatrix::merge(const ConfusionMatrix& other) {
    if (other.m_classes != m_classes)
        throw Error("cannot merge confusion matrices of different sizes");
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_total += other.m_total;
}

int64_t ConfusionMatrix::count(int64_t truth, int64_t predicted) const {
    return m_counts[static_cast<size_t>(truth * m_classes + predicted)];
}

double ConfusionMatrix::accuracy() const {
    if (m_total == 0)
        return std::nan("");
    int64_t correct = 0;
    for (int64_t c = 0; c < m_classes; ++c)
        correct += count(c, c);
    return double(correct) / double(m_total);
}

double ConfusionMatrix::f1(int64_t positive) const {
    if (m_total == 0 || positive < 0 || positive >= m_classes)
        return std::nan("");
    const double tp = double(count(positive, positive));
    double predictedPositive = 0, actualPositive = 0;
    for (int64_t c = 0; c < m_classes; ++c) {
        predictedPositive += double(count(c, positive));
        actualPositive += double(count(positive, c));
    }
    const double denominator = predictedPositive + actualPositive;
    return denominator > 0 ? 2.0 * tp / denominator : 0.0;
}

double ConfusionMatrix::macroF1() const {
    if (m_total == 0)
        return std::nan("");
    double sum = 0;
    int64_t occurring = 0;
    for (int64_t c = 0; c < m_classes; ++c) {
        double predicted = 0, actual = 0;
        for (int64_t other = 0; other < m_classes; ++other) {
            predicted += double(count(other, c));
            actual += double(count(c, other));
        }
        if (predicted + actual == 0)
            continue; // sklearn averages over the labels present only
        sum += 2.0 * double(count(c, c)) / (predicted + actual);
        ++occurring;
    }
    return sum / double(occurring);
}

double ConfusionMatrix::studyF1(int64_t positive) const {
    if (m_classes < 2)
        return std::nan("");
    return m_classes == 2 ? f1(positive) : macroF1();
}

double ConfusionMatrix::mcc() const {
    if (m_total == 0)
        return std::nan("");
    // sklearn: cov(y, y_hat) / sqrt(cov(y, y) cov(y_hat, y_hat)) from the confusion matrix.
    std::vector<double> truthTotals(m_classes, 0.0), predictedTotals(m_classes, 0.0);
    double correct = 0;
    for (int64_t t = 0; t < m_classes; ++t)
        for (int64_t p = 0; p < m_classes; ++p) {
            truthTotals[t] += double(count(t, p));
            predictedTotals[p] += double(count(t, p));
            if (t == p)
                correct += double(count(t, p));
        }
    const double n = double(m_total);
    double sumPT = 0, sumPP = 0, sumTT = 0;
    for (int64_t c = 0; c < m_classes; ++c) {
        sumPT += predictedTotals[c] * truthTotals[c];
        sumPP += predictedTotals[c] * predictedTotals[c];
        sumTT += truthTotals[c] * truthTotals[c];
    }
    const double covYYhat = correct * n - sumPT;
    const double covYhatYhat = n * n - sumPP;
    const double covYY = n * n - sumTT;
    if (covYhatYhat == 0 || covYY == 0)
        return 0.0;
    return covYYhat / std::sqrt(covYY * covYhatYhat);
}

} // namespace bs
