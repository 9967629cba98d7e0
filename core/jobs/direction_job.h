#pragma once
// Loss surfaces around one model along random filter-normalized directions (Li et al. 2018),
// stored as planes of the study and computed by the plane job.

#include "core/jobs/plane_job.h"
#include "core/landscape/direction_options.h"

#include <functional>
#include <string>
#include <vector>

namespace bs {

struct DirectionSurfaceRequest {
    std::string model;       // the centre
    std::string dataset;     // default: the surface dataset
    int64_t resolution = 31; // points per axis; odd, so that the centre is a grid point
    double range = 1.0;      // both coordinates run over [-range, range] (units of a direction)
    DirectionOptions directions;
    int dimensions = 2; // 1: the line along the first direction only (the centre row)
};

// Finds the stored surface with the same centre, dataset, resolution, range and directions, or
// adds an empty one (NaN grid, id "surface-N"); returns its index in study.planes. The 1D and
// 2D surfaces of the same request share it: the 1D one is its centre row.
size_t findOrAddDirectionSurface(Study& study, const DirectionSurfaceRequest& request);

// Computes the missing points of the surface (all, or the centre row for dimensions == 1),
// coarse to fine and resumable, exactly as computePlane does for planes.
void computeDirectionSurface(Study& study, StudySession& session, size_t index, int dimensions,
                             const JobHooks& hooks,
                             const std::function<void(const PlaneResult&)>& levelDone = {});

// The 1D surface: the centre row of a direction surface (coordinate along the first
// direction, loss, metric; NaN where not computed).
struct DirectionLine {
    std::vector<double> x, loss, metric;
};
DirectionLine directionLine(const PlaneResult& surface);

// CSV of a 1D surface: "x,loss,metric" and one row per point.
std::string directionLineCsv(const PlaneResult& surface);

} // namespace bs
