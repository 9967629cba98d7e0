#include "widgets/plane_display_grid.h"

#include <cmath>

namespace bs::ui {

PlaneDisplayGrid planeDisplayGrid(const PlaneResult& plane, PlaneQuantity quantity) {
    PlaneDisplayGrid grid;
    const int64_t r = plane.resolution;
    const std::vector<double>& values = quantity == PlaneQuantity::Loss ? plane.loss : plane.metric;
    if (r < 2 || values.size() != size_t(r * r))
        return grid;
    for (int64_t stride = 1; stride <= r - 1; ++stride) {
        if ((r - 1) % stride != 0)
            continue;
        const int64_t n = (r - 1) / stride + 1;
        bool full = true;
        for (int64_t j = 0; j < n && full; ++j)
            for (int64_t i = 0; i < n && full; ++i)
                full = !std::isnan(values[size_t(j * stride * r + i * stride)]);
        if (!full)
            continue;
        grid.stride = stride;
        GridField& f = grid.field;
        f.nx = f.ny = n;
        const double step = (plane.xMax - plane.xMin) / double(r - 1);
        const double stepY = (plane.yMax - plane.yMin) / double(r - 1);
        f.x0 = plane.xMin;
        f.y0 = plane.yMin;
        f.dx = step * double(stride);
        f.dy = stepY * double(stride);
        f.values.reserve(size_t(n * n));
        for (int64_t j = 0; j < n; ++j)
            for (int64_t i = 0; i < n; ++i)
                f.values.push_back(values[size_t(j * stride * r + i * stride)]);
        return grid;
    }
    return grid;
}

bool planeValueRange(const PlaneResult& plane, PlaneQuantity quantity, double& low, double& high) {
    const bool loss = quantity == PlaneQuantity::Loss;
    bool found = false;
    auto take = [&](const std::vector<double>& values) {
        for (double v : values)
            if (std::isfinite(v)) {
                low = found ? std::min(low, v) : v;
                high = found ? std::max(high, v) : v;
                found = true;
            }
    };
    take(loss ? plane.loss : plane.metric);
    take(loss ? plane.modelLoss : plane.modelMetric);
    return found;
}

} // namespace bs::ui
