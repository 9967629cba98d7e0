#pragma once
// bs::Matrix: a small dense row-major matrix of doubles (distance, affinity and embedding tables).

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace bs {

// Value type shared by analysis, the study file and the widgets; NaN marks a missing entry
// (e.g. a pair whose curve has not been evaluated yet).
struct Matrix {
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<double> values; // row-major, rows * cols

    // Unchecked element access.
    double operator()(int64_t i, int64_t j) const { return values[size_t(i * cols + j)]; }
    double& operator()(int64_t i, int64_t j) { return values[size_t(i * cols + j)]; }
    // Bounds-checked element access; throws bs::Error naming the index and the shape.
    double at(int64_t i, int64_t j) const;
    double& at(int64_t i, int64_t j);

    std::span<const double> row(int64_t i) const {
        return {values.data() + i * cols, size_t(cols)};
    }
    bool empty() const { return rows == 0 || cols == 0; }
    bool isSquare() const { return rows == cols; }

    // A rows x cols matrix with every entry `value` (NaN by default: "nothing computed yet").
    static Matrix filled(int64_t rows, int64_t cols,
                         double value = std::numeric_limits<double>::quiet_NaN());
};

// The rows and columns `indices` of a square matrix, in that order.
Matrix submatrix(const Matrix& m, std::span<const int64_t> indices);

// True when the square matrix equals its transpose exactly, NaN entries matching NaN.
bool isSymmetric(const Matrix& m);

} // namespace bs
