#include "core/analysis/distance.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace bs {

namespace {

// Eight independent partial sums let the compiler vectorise without -ffast-math; each chunk's
// sum (at most 512 terms per lane) is then added to the total with Neumaier's compensation, so
// the rounding error does not grow with the number of chunks (10^8 parameters: ~25k chunks).
constexpr int64_t kChunk = 4096;

template <typename T, typename Term>
double chunkedSum(const T* a, const T* b, int64_t n, Term term) {
    double total = 0.0, compensation = 0.0;
    for (int64_t start = 0; start < n; start += kChunk) {
        const int64_t end = std::min(n, start + kChunk);
        double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int64_t i = start;
        for (; i + 8 <= end; i += 8)
            for (int lane = 0; lane < 8; ++lane)
                acc[lane] += term(a, b, i + lane);
        for (; i < end; ++i)
            acc[0] += term(a, b, i);
        const double chunk =
            ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        const double t = total + chunk;
        compensation +=
            std::abs(total) >= std::abs(chunk) ? (total - t) + chunk : (chunk - t) + total;
        total = t;
    }
    return total + compensation;
}

template <typename T> double squaredDistance(const T* a, const T* b, int64_t n) {
    return chunkedSum(a, b, n, [](const T* x, const T* y, int64_t i) {
        const double d = double(x[i]) - double(y[i]);
        return d * d;
    });
}

void checkSameLength(size_t a, size_t b) {
    if (a != b)
        throw Error("euclidean distance: vectors must have the same length, found " +
                    std::to_string(a) + " and " + std::to_string(b));
}

} // namespace

double squaredEuclideanDistance(const float* a, const float* b, int64_t n) {
    if (n < 0)
        throw Error("euclidean distance: length must be non-negative, found " + std::to_string(n));
    return squaredDistance(a, b, n);
}

double euclideanDistance(const float* a, const float* b, int64_t n) {
    return std::sqrt(squaredEuclideanDistance(a, b, n));
}

double euclideanDistance(std::span<const float> a, std::span<const float> b) {
    checkSameLength(a.size(), b.size());
    return std::sqrt(squaredDistance(a.data(), b.data(), int64_t(a.size())));
}

double euclideanDistance(std::span<const double> a, std::span<const double> b) {
    checkSameLength(a.size(), b.size());
    return std::sqrt(squaredDistance(a.data(), b.data(), int64_t(a.size())));
}

double euclideanNorm(std::span<const float> a) {
    const double sq = chunkedSum(a.data(), a.data(), int64_t(a.size()),
                                 [](const float* x, const float*, int64_t i) {
                                     const double v = x[i];
                                     return v * v;
                                 });
    return std::sqrt(sq);
}

Matrix pairwiseEuclideanDistances(const std::vector<std::span<const float>>& vectors) {
    const auto n = int64_t(vectors.size());
    Matrix d = Matrix::filled(n, n, 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) {
            const double v = euclideanDistance(vectors[size_t(i)], vectors[size_t(j)]);
            d(i, j) = v;
            d(j, i) = v;
        }
    return d;
}

} // namespace bs
