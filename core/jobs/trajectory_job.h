#pragma once
// The loss surface of a training run in the plane of its checkpoints' top two principal
// components (Li et al. 2018), stored as a plane of the study and computed by the plane job.

#include "core/jobs/plane_job.h"

#include <functional>
#include <string>
#include <vector>

namespace bs {

struct TrajectorySurfaceRequest {
    std::string run;         // the run's tag: its checkpoints are the models with this run
    std::string dataset;     // default: the surface dataset
    int64_t resolution = 31; // points per axis
    double margin = 0.25;    // beyond the projected checkpoints, as a fraction of their extent
};

// The run's models: its checkpoints by step, and its final model (the model named like the
// run, as a folder `run/` holding `run/checkpoint-N` is named; else the checkpoint of the
// largest step, which then is no checkpoint of the trajectory). bs::Error when the run has
// fewer than two checkpoints besides the final model.
struct RunModels {
    std::string final;
    std::vector<std::string> checkpoints;
};
RunModels runModels(const Study& study, const std::string& run);

// Finds the stored trajectory surface of the same run (same checkpoints), dataset, resolution
// and margin, or adds an empty one (NaN grid, id "trajectory-N"); returns its index in
// study.planes. The principal components, explained variances and projections are filled in
// when it is computed.
size_t findOrAddTrajectorySurface(Study& study, const TrajectorySurfaceRequest& request);

// Computes the principal components and the missing grid points, coarse to fine and
// resumable, exactly as computePlane does for planes.
void computeTrajectorySurface(Study& study, StudySession& session, size_t index,
                              const JobHooks& hooks,
                              const std::function<void(const PlaneResult&)>& levelDone = {});

} // namespace bs
