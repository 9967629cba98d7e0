#include "core/analysis/matrix.h"

#include "core/common/error.h"

#include <cmath>
#include <string>

namespace bs {

namespace {

[[noreturn]] void throwOutOfRange(const Matrix& m, int64_t i, int64_t j) {
    throw Error("matrix index (" + std::to_string(i) + ", " + std::to_string(j) +
                ") is outside the " + std::to_string(m.rows) + " x " + std::to_string(m.cols) +
                " matrix");
}

} // namespace

double Matrix::at(int64_t i, int64_t j) const {
    if (i < 0 || j < 0 || i >= rows || j >= cols)
        throwOutOfRange(*this, i, j);
    return (*this)(i, j);
}

double& Matrix::at(int64_t i, int64_t j) {
    if (i < 0 || j < 0 || i >= rows || j >= cols)
        throwOutOfRange(*this, i, j);
    return (*this)(i, j);
}

Matrix Matrix::filled(int64_t rows, int64_t cols, double value) {
    if (rows < 0 || cols < 0)
        throw Error("matrix shape must be non-negative, found " + std::to_string(rows) + " x " +
                    std::to_string(cols));
    Matrix m;
    m.rows = rows;
    m.cols = cols;
    m.values.assign(size_t(rows * cols), value);
    return m;
}

Matrix submatrix(const Matrix& m, std::span<const int64_t> indices) {
    if (!m.isSquare())
        throw Error("submatrix needs a square matrix, found " + std::to_string(m.rows) + " x " +
                    std::to_string(m.cols));
    const auto n = int64_t(indices.size());
    Matrix out = Matrix::filled(n, n, 0.0);
    for (int64_t a = 0; a < n; ++a)
        for (int64_t b = 0; b < n; ++b)
            out(a, b) = m.at(indices[size_t(a)], indices[size_t(b)]);
    return out;
}

bool isSymmetric(const Matrix& m) {
    if (!m.isSquare())
        return false;
    for (int64_t i = 0; i < m.rows; ++i)
        for (int64_t j = i + 1; j < m.cols; ++j) {
            const double a = m(i, j), b = m(j, i);
            if (!(a == b || (std::isnan(a) && std::isnan(b))))
                return false;
        }
    return true;
}

} // namespace bs
