#pragma once
// Training dynamics: clusters every training step's checkpoints and follows each run across
// steps relative to the clusters (the paper's Figure 7).

#include "core/jobs/cluster_job.h"
#include "core/study/study.h"
#include "widgets/training_dynamics_plot.h"

#include <QCoreApplication>

namespace bs::ui {

class TrainingDynamics {
    Q_DECLARE_TR_FUNCTIONS(TrainingDynamics)
public:
    // For each step shared by at least two runs (and with the pairs of its checkpoints
    // computed), spectral clustering (k = 2) of that step's checkpoints by `request`'s matrix;
    // each run's centroid-distance score per step. Cluster labels are matched across steps to
    // the last step's (the score's sign flips when the two clusters come out swapped), so a
    // run's line shows whether it drifts between basins. Models without a run and a step are
    // ignored; emptyText says why when nothing can be drawn.
    static DynamicsData compute(const Study& study, const ClusterRequest& request);
};

} // namespace bs::ui
