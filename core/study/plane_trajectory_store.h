#pragma once
// The attributes and arrays that mark a stored plane as the principal-component plane of a
// training trajectory (layout: docs/study-format.md), kept apart from the rest of the store.

#include "core/study/h5_file.h"
#include "core/study/study.h"

#include <string>

namespace bs {

// The value of the plane group's `axes` attribute for a trajectory surface.
inline constexpr const char* kTrajectoryAxesName = "trajectory_pca";

// Writes `plane.trajectory` (if any) into the plane group `group`.
void writePlaneTrajectory(h5::File& file, const std::string& group, const PlaneResult& plane);

// Fills `plane.trajectory` from `group`, whose `axes` attribute says it is one. bs::Error
// naming the object when something is missing or inconsistent.
void readPlaneTrajectory(const h5::File& file, const std::string& group, PlaneResult& plane);

} // namespace bs
