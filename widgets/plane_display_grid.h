#pragma once
// The part of a partly computed loss plane that can be drawn: its finest complete sub-grid.

#include "core/study/study.h"
#include "widgets/contour_lines.h"

namespace bs::ui {

enum class PlaneQuantity { Loss, Metric };

// A plane is computed coarse to fine (strides that divide R - 1); the views draw the finest
// stride whose every point is known, so the picture sharpens as levels arrive.
struct PlaneDisplayGrid {
    int64_t stride = 0; // 0: nothing complete yet
    GridField field;    // the sub-grid's values, in plane coordinates
    bool empty() const { return stride == 0; }
    bool complete(const PlaneResult& plane) const { return stride == 1 && plane.resolution > 0; }
};

PlaneDisplayGrid planeDisplayGrid(const PlaneResult& plane, PlaneQuantity quantity);

// The finite values of the chosen quantity over the whole grid and the three models.
bool planeValueRange(const PlaneResult& plane, PlaneQuantity quantity, double& low, double& high);

} // namespace bs::ui
