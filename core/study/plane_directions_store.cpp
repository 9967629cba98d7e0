#include "core/study/plane_directions_store.h"

#include "core/common/error.h"
#include "core/study/plane_trajectory_store.h"

#include <limits>

namespace bs {

namespace {
constexpr const char* kAxes = "axes";
constexpr const char* kSeed = "direction_seed";
constexpr const char* kBiases = "direction_biases";
constexpr const char* kNormalization = "direction_normalization";
} // namespace

void writePlaneDirections(h5::File& file, const std::string& group, const PlaneResult& plane) {
    writePlaneTrajectory(file, group, plane); // the other kind of axes: see its own store
    if (!plane.directions)
        return;
    if (plane.directions->seed > uint64_t(std::numeric_limits<int64_t>::max()))
        throw Error("plane " + plane.id + ": direction seeds above 2^63 - 1 cannot be stored");
    file.writeAttr(group, kAxes, std::string("random_directions"));
    file.writeAttr(group, kSeed, static_cast<int64_t>(plane.directions->seed));
    file.writeAttr(group, kBiases, std::string(biasTreatmentName(plane.directions->biases)));
    // Only filter normalization exists; recorded so that another kind can be told apart.
    file.writeAttr(group, kNormalization, std::string("filter"));
}

void readPlaneDirections(const h5::File& file, const std::string& group, PlaneResult& plane) {
    if (!file.hasAttr(group, kAxes))
        return;
    const std::string axes = file.readStringAttr(group, kAxes);
    if (axes == kTrajectoryAxesName)
        return readPlaneTrajectory(file, group, plane);
    if (axes != "random_directions")
        file.fail(group + " attribute 'axes'", "is '" + axes +
                                                   "', expected 'random_directions' "
                                                   "or '" +
                                                   kTrajectoryAxesName + "'");
    const int64_t seed = file.readIntAttr(group, kSeed);
    if (seed < 0)
        file.fail(group + " attribute 'direction_seed'", "is negative");
    const std::string normalization = file.readStringAttr(group, kNormalization);
    if (normalization != "filter")
        file.fail(group + " attribute 'direction_normalization'",
                  "is '" + normalization + "', expected 'filter'");
    DirectionOptions options;
    options.seed = static_cast<uint64_t>(seed);
    const std::string biases = file.readStringAttr(group, kBiases);
    try {
        options.biases = parseBiasTreatment(biases);
    } catch (const Error& e) {
        file.fail(group + " attribute 'direction_biases'", e.what());
    }
    plane.directions = options;
}

} // namespace bs
