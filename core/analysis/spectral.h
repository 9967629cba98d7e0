#pragma once
// Affinities from distances and the spectral embedding of scikit-learn 1.2 (normalized Laplacian).

#include "core/analysis/matrix.h"

#include <vector>

namespace bs {

// exp(-d^2 / (2 delta^2)) entry by entry; delta > 0. NaN distances stay NaN; the diagonal is
// set to 1 (a model's distance to itself is 0 whatever the matrix holds there).
Matrix affinityFromDistances(const Matrix& distances, double delta = 1.0);

// Median of the finite off-diagonal entries (each unordered pair counted from both triangles),
// NaN when there are none. With CG values <= 0.4, exp(-CG^2/2) is nearly flat (0.92..1); using
// this median as delta spreads the affinities out.
double medianOffDiagonal(const Matrix& distances);

// The median off-diagonal distance as a bandwidth; 1 when the median is 0 or undefined (all
// distances equal or missing: then every delta gives the same all-ones affinity).
double medianScaledDelta(const Matrix& distances);

struct SpectralEmbedding {
    Matrix vectors;                  // n x components, column c = eigenvector c (ascending)
    std::vector<double> eigenvalues; // the matching Laplacian eigenvalues, ascending
    bool connected = true;           // false: the affinity graph has several components
};

// sklearn.manifold.spectral_embedding(affinity, n_components=components,
// norm_laplacian=normLaplacian, drop_first=dropFirst) with the dense path: the affinity is
// symmetrised, its diagonal ignored, scipy's csgraph Laplacian taken (normed: I - D^-1/2 A
// D^-1/2, isolated nodes with degree treated as 1), eigenvectors of the smallest eigenvalues
// divided by sqrt(degree) when normed, then each vector's sign fixed so that its entry of
// largest magnitude is positive (_deterministic_vector_sign_flip). Throws bs::Error for a
// non-square matrix, NaN entries off the diagonal, or components outside 1..n (1..n-1 when
// dropFirst).
SpectralEmbedding spectralEmbedding(const Matrix& affinity, int components,
                                    bool normLaplacian = true, bool dropFirst = false);

} // namespace bs
