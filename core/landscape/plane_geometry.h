#pragma once
// Plane geometry: the plane through three parameter vectors, and a grid over it.

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <vector>

namespace bs {

// Orthonormal basis of the plane through models a, b, c (Gram-Schmidt in double precision):
// origin at a, first axis towards b. A point (x, y) is origin + x u + y v.
struct PlaneBasis {
    at::Tensor origin, u, v;     // flat vectors in the models' dtype
    std::array<double, 3> modelX{}; // plane coordinates of a, b, c
    std::array<double, 3> modelY{};
};

// Throws bs::Error when the three models do not span a plane (two of them equal, or all
// three on one line).
PlaneBasis makePlaneBasis(const at::Tensor& a, const at::Tensor& b, const at::Tensor& c);

// An R x R grid over the models' bounding box, widened on every side by `margin` times the
// box's larger side (so the picture stays square in parameter units).
struct PlaneGrid {
    int64_t resolution = 0;
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    double x(int64_t column) const;
    double y(int64_t row) const;
};
PlaneGrid makePlaneGrid(const PlaneBasis& basis, int64_t resolution, double margin);

// The grid points (row * R + column) in the order they should be computed so that a coarse
// picture appears first: levels of strides that divide R - 1 (about 9x9, then about 17x17,
// then the rest), each point once.
std::vector<std::vector<int64_t>> refinementLevels(int64_t resolution);

// Dot product of two flat vectors accumulated in double (chunked; CPU or GPU).
double flatDot(const at::Tensor& a, const at::Tensor& b);

} // namespace bs
