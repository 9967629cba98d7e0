#pragma once
// Euclidean distances between (large) flat parameter vectors, accumulated in double.

#include "core/analysis/matrix.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bs {

// sum_i (a[i] - b[i])^2 over n floats, each difference squared and summed in double in chunks so
// that rounding stays small for vectors of 10^8 parameters.
double squaredEuclideanDistance(const float* a, const float* b, int64_t n);
double euclideanDistance(const float* a, const float* b, int64_t n);

// Span forms; throw bs::Error when the lengths differ.
double euclideanDistance(std::span<const float> a, std::span<const float> b);
double euclideanDistance(std::span<const double> a, std::span<const double> b);
double euclideanNorm(std::span<const float> a);

// The symmetric n x n matrix of distances between every pair of vectors (zero diagonal).
Matrix pairwiseEuclideanDistances(const std::vector<std::span<const float>>& vectors);

} // namespace bs
