#include "core/study/plane_trajectory_store.h"

#include "core/common/error.h"

#include <cmath>

namespace bs {

namespace {
constexpr const char* kAxes = "axes";
constexpr const char* kRun = "trajectory_run";
constexpr const char* kMethod = "trajectory_method";
constexpr const char* kExplained1 = "explained_variance_1";
constexpr const char* kExplained2 = "explained_variance_2";
// What the components are: the paper's code (scikit-learn PCA over the rows checkpoint -
// final and the final's zero row, centred). Recorded so that another method can be told apart.
constexpr const char* kMethodName = "pca_centred_rows_with_final";
} // namespace

void writePlaneTrajectory(h5::File& file, const std::string& group, const PlaneResult& plane) {
    if (!plane.trajectory)
        return;
    const TrajectoryAxes& t = *plane.trajectory;
    file.writeAttr(group, kAxes, std::string(kTrajectoryAxesName));
    file.writeAttr(group, kRun, t.run);
    file.writeAttr(group, kMethod, std::string(kMethodName));
    file.writeAttr(group, kExplained1, t.explainedVariance[0]);
    file.writeAttr(group, kExplained2, t.explainedVariance[1]);
    const auto k = static_cast<int64_t>(t.models.size());
    file.writeStrings(group + "/trajectory_models", t.models);
    file.writeDoubles(group + "/trajectory_x", {k}, t.x.data());
    file.writeDoubles(group + "/trajectory_y", {k}, t.y.data());
}

void readPlaneTrajectory(const h5::File& file, const std::string& group, PlaneResult& plane) {
    const std::string method = file.readStringAttr(group, kMethod);
    if (method != kMethodName)
        file.fail(group + " attribute 'trajectory_method'",
                  "is '" + method + "', expected '" + kMethodName + "'");
    TrajectoryAxes t;
    t.run = file.readStringAttr(group, kRun);
    t.explainedVariance = {file.readDoubleAttr(group, kExplained1),
                           file.readDoubleAttr(group, kExplained2)};
    for (double share : t.explainedVariance)
        if (!std::isnan(share) && !(share >= 0 && share <= 1)) // NaN: not computed yet
            file.fail(group + " attribute 'explained_variance_1/2'", "is not a share in [0, 1]");
    t.models = file.readStrings(group + "/trajectory_models");
    const auto k = static_cast<int64_t>(t.models.size());
    t.x = file.readDoubles(group + "/trajectory_x", {k});
    t.y = file.readDoubles(group + "/trajectory_y", {k});
    plane.trajectory = std::move(t);
}

} // namespace bs
