#pragma once
// The loss plane through three models, evaluated on a grid with progressive refinement.

#include "core/jobs/study_jobs.h"

#include <array>
#include <functional>
#include <string>

namespace bs {

struct PlaneRequest {
    std::array<std::string, 3> models; // origin, first axis, third model
    std::string dataset;               // default: the surface dataset
    int64_t resolution = 31;
    double margin = 0.25;
};

// "<prefix><k>" for the smallest k >= 0 that no plane of the study uses as its id.
std::string unusedPlaneId(const Study& study, const std::string& prefix);

// Finds the stored plane with the same models, dataset, resolution and margin, or adds an
// empty one (NaN grid) to the study; returns its index in study.planes.
size_t findOrAddPlane(Study& study, const PlaneRequest& request);

// Evaluates the missing grid points of study.planes[index], coarse levels first (about 9x9,
// then 17x17, then all), and the three models at their exact plane coordinates. Saves after
// every level and every grid row's worth of points; `levelDone` is called after each level
// (and after resumed points) so a view can redraw. Cancellation keeps the finished points.
//
// A direction surface (PlaneResult::directions) is spanned by its two directions recomputed
// from the seed; `PlaneCells::CentreRow` computes only its centre row, the 1D surface along
// the first direction.
enum class PlaneCells { All, CentreRow };
void computePlane(Study& study, StudySession& session, size_t index, const JobHooks& hooks,
                  const std::function<void(const PlaneResult&)>& levelDone = {},
                  PlaneCells cells = PlaneCells::All);

} // namespace bs
