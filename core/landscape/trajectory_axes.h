#pragma once
// The principal-component axes of a training trajectory as a study records them (torch-free).

#include <array>
#include <string>
#include <vector>

namespace bs {

// Where the two axes of a trajectory surface come from (Li et al. 2018): the top two principal
// components of the run's checkpoints relative to its final model. The components themselves
// are not stored: they are recomputed from these checkpoints (same models, same values).
struct TrajectoryAxes {
    std::string run;                 // the run's tag (ModelEntry::run)
    std::vector<std::string> models; // its checkpoints in step order; the final model is the centre
    // Share of the variance of the trajectory that each axis explains (in [0, 1]).
    std::array<double, 2> explainedVariance{};
    // Every checkpoint (same order as `models`) projected onto the two axes; the final model
    // is at (0, 0).
    std::vector<double> x, y;
    bool operator==(const TrajectoryAxes&) const = default;
};

} // namespace bs
