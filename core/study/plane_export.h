#pragma once
// Exporting a loss plane: a VTK XML structured grid (ParaView) and CSV.

#include "core/study/study.h"

#include <filesystem>
#include <string>

namespace bs {

// A .vts file (VTK XML StructuredGrid, ASCII): points (x, y, loss) on the R x R grid with
// point data "loss" and "metric" (NaN where not computed). Written atomically.
void writePlaneVts(const PlaneResult& plane, const std::filesystem::path& file);

// x, y, loss, metric per grid point, then the models (three, or a direction surface's centre)
// as rows "model:<name>", then a trajectory's checkpoints as "checkpoint:<name>" rows (projected
// coordinates, no values).
std::string planeCsv(const PlaneResult& plane);

} // namespace bs
