#pragma once
// Iso-lines of values on a regular 2D grid, extracted by VTK (contour filter + stripper).

#include <cstdint>
#include <vector>

namespace bs::ui {

// Values on a regular grid: nx * ny points, row-major with the row along y
// (value(i, j) = values[j * nx + i] at x0 + i dx, y0 + j dy).
struct GridField {
    int64_t nx = 0, ny = 0;
    double x0 = 0, dx = 1, y0 = 0, dy = 1;
    std::vector<double> values;
    double x(int64_t i) const { return x0 + double(i) * dx; }
    double y(int64_t j) const { return y0 + double(j) * dy; }
};

// One connected polyline at `level` (closed lines repeat their first point at the end).
struct IsoLine {
    double level = 0;
    std::vector<double> x, y;
    double length() const; // in grid units, for choosing where to put a label
};

// The iso-lines of `field` at each level, segments joined into polylines. NaN grid values
// are not allowed (callers draw only fully computed grids); throws bs::Error otherwise.
std::vector<IsoLine> contourLines(const GridField& field, const std::vector<double>& levels);

// About `target` round levels strictly inside (low, high): steps of 1, 2, 2.5 or 5 times a
// power of ten, or on a logarithmic scale (low > 0) round values spaced evenly in log.
std::vector<double> niceLevels(double low, double high, int target, bool logarithmic);

} // namespace bs::ui
