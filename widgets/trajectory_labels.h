#pragma once
// Texts of a trajectory surface's drawing: axis titles with their explained variance and the
// short names of the checkpoints along the path.

#include "core/landscape/trajectory_axes.h"

#include <QString>

#include <string>

namespace bs::ui {

// "PC1 (99.9%)" for axis 0: the share of the trajectory's variance the axis explains, with
// three significant digits so that a small second axis (0.14%) does not read as 0%; "PC1"
// while the variance is not known yet.
QString trajectoryAxisTitle(const TrajectoryAxes& axes, int axis);

// "step 250" for a checkpoint folder named "…/checkpoint-250" (the name a trainer gives it),
// else the model's whole name.
QString checkpointLabel(const std::string& model);

} // namespace bs::ui
