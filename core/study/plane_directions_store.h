#pragma once
// The attributes that mark a stored plane as a surface along random directions around one
// model (layout: docs/study-format.md). Kept apart from the rest of the store: a plane group
// without them is a plane through three models, as every file before them holds.

#include "core/study/h5_file.h"
#include "core/study/study.h"

#include <string>

namespace bs {

// Writes `plane.directions` (if any) as attributes of the plane group `group`.
void writePlaneDirections(h5::File& file, const std::string& group, const PlaneResult& plane);

// Fills `plane.directions` from the attributes of `group`; leaves it empty when the group has
// none. bs::Error naming the attribute when one is present but invalid.
void readPlaneDirections(const h5::File& file, const std::string& group, PlaneResult& plane);

} // namespace bs
