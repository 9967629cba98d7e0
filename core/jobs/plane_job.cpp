#include "core/jobs/plane_job.h"

#include "core/common/error.h"
#include "core/jobs/study_session.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/plane_geometry.h"
#include "core/landscape/random_directions.h"
#include "core/landscape/trajectory_pca.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

namespace bs {

namespace {

// A direction surface's grid is the one it was requested with.
PlaneGrid storedPlaneGrid(const PlaneResult& plane) {
    PlaneGrid grid;
    grid.resolution = plane.resolution;
    grid.xMin = plane.xMin, grid.xMax = plane.xMax, grid.yMin = plane.yMin, grid.yMax = plane.yMax;
    return grid;
}

// The principal-component basis of a trajectory surface (flats: the final model, then the
// checkpoints), with the plane's record of it brought up to date. The extent is set from the
// projected checkpoints while nothing is computed, and kept afterwards so that a resumed grid
// stays the grid it was.
PlaneBasis trajectoryBasis(PlaneResult& plane, const std::vector<at::Tensor>& flats) {
    const TrajectoryPca pca =
        trajectoryPca(std::vector<at::Tensor>(flats.begin() + 1, flats.end()), flats[0]);
    PlaneBasis basis;
    basis.origin = flats[0];
    basis.u = pca.u;
    basis.v = pca.v;
    basis.modelX = {0.0, kNaN, kNaN};
    basis.modelY = {0.0, kNaN, kNaN};
    TrajectoryAxes& axes = *plane.trajectory;
    axes.explainedVariance = pca.explainedVariance;
    axes.x = pca.x;
    axes.y = pca.y;
    bool started = !std::isnan(plane.modelLoss.empty() ? kNaN : plane.modelLoss[0]);
    for (double v : plane.loss)
        started |= !std::isnan(v);
    if (!started) {
        PlaneBasis box; // makePlaneGrid spans three points: the final and the two extremes
        box.modelX = {0.0, *std::min_element(pca.x.begin(), pca.x.end()),
                      *std::max_element(pca.x.begin(), pca.x.end())};
        box.modelY = {0.0, *std::min_element(pca.y.begin(), pca.y.end()),
                      *std::max_element(pca.y.begin(), pca.y.end())};
        const PlaneGrid grid = makePlaneGrid(box, plane.resolution, plane.margin);
        plane.xMin = grid.xMin, plane.xMax = grid.xMax, plane.yMin = grid.yMin,
        plane.yMax = grid.yMax;
    }
    return basis;
}

} // namespace

std::string unusedPlaneId(const Study& study, const std::string& prefix) {
    for (int64_t next = 0;; ++next) {
        const std::string id = prefix + std::to_string(next);
        bool taken = false;
        for (const PlaneResult& existing : study.planes)
            taken |= existing.id == id;
        if (!taken)
            return id;
    }
}

size_t findOrAddPlane(Study& study, const PlaneRequest& request) {
    std::string dataset = request.dataset;
    if (dataset.empty()) {
        if (!study.surfaceDataset())
            throw Error("the study has no surface dataset");
        dataset = study.surfaceDataset()->name;
    }
    if (study.datasetIndex(dataset) < 0)
        throw Error("no dataset '" + dataset + "' in the study");
    for (const std::string& model : request.models)
        if (study.modelIndex(model) < 0)
            throw Error("no model '" + model + "' in the study");
    if (request.models[0] == request.models[1] || request.models[0] == request.models[2] ||
        request.models[1] == request.models[2])
        throw Error("a plane needs three different models");
    if (request.resolution < 3 || request.resolution > 401)
        throw Error("plane resolution must be between 3 and 401");
    for (size_t p = 0; p < study.planes.size(); ++p) {
        const PlaneResult& plane = study.planes[p];
        if (!plane.directions && plane.dataset == dataset &&
            plane.resolution == request.resolution && plane.margin == request.margin &&
            plane.models == std::vector<std::string>(request.models.begin(), request.models.end()))
            return p;
    }
    PlaneResult plane;
    plane.id = unusedPlaneId(study, "plane-");
    plane.models.assign(request.models.begin(), request.models.end());
    plane.dataset = dataset;
    plane.resolution = request.resolution;
    plane.margin = request.margin;
    const size_t cells = static_cast<size_t>(request.resolution * request.resolution);
    plane.loss.assign(cells, kNaN);
    plane.metric.assign(cells, kNaN);
    plane.modelLoss.assign(3, kNaN);
    plane.modelMetric.assign(3, kNaN);
    study.planes.push_back(std::move(plane));
    return study.planes.size() - 1;
}

void computePlane(Study& study, StudySession& session, size_t index, const JobHooks& hooks,
                  const std::function<void(const PlaneResult&)>& levelDone, PlaneCells cells) {
    if (index >= study.planes.size())
        throw Error("plane index out of range");
    const int64_t d = study.datasetIndex(study.planes[index].dataset);
    if (d < 0)
        throw Error("no dataset '" + study.planes[index].dataset + "' in the study");
    const DatasetEntry& dataset = study.datasets[static_cast<size_t>(d)];
    const Evaluator& evaluator = session.evaluator(static_cast<size_t>(d));

    const std::vector<std::string> names = planeDependencies(study.planes[index]);
    std::vector<at::Tensor> flats;
    for (const std::string& name : names) {
        const int64_t model = study.modelIndex(name);
        if (model < 0)
            throw Error("plane " + study.planes[index].id + ": model '" + name +
                        "' is no longer in the study");
        flats.push_back(session.cache().get(model));
    }
    const std::optional<DirectionOptions> directions = study.planes[index].directions;
    const bool trajectory = study.planes[index].trajectory.has_value();
    bool geometryChanged = false;
    const std::optional<TrajectoryAxes> axesBefore = study.planes[index].trajectory;
    const auto extent = [](const PlaneResult& p) {
        return std::tuple{p.xMin, p.xMax, p.yMin, p.yMax};
    };
    const auto extentBefore = extent(study.planes[index]);
    const PlaneBasis basis =
        directions   ? makeDirectionBasis(flats[0], session.space().layout(), *directions)
        : trajectory ? trajectoryBasis(study.planes[index], flats)
                     : makePlaneBasis(flats[0], flats[1], flats[2]);
    if (trajectory)
        geometryChanged = study.planes[index].trajectory != axesBefore ||
                          extent(study.planes[index]) != extentBefore;
    {
        PlaneResult& plane = study.planes[index];
        const auto geometry = [](const PlaneResult& p) {
            return std::tuple{p.xMin, p.xMax, p.yMin, p.yMax, p.modelX, p.modelY};
        };
        const auto before = geometry(plane);
        // A direction surface's extent is the request's, a trajectory's its checkpoints'; a
        // plane's follows its models.
        if (!directions && !trajectory) {
            const PlaneGrid grid = makePlaneGrid(basis, plane.resolution, plane.margin);
            plane.xMin = grid.xMin, plane.xMax = grid.xMax, plane.yMin = grid.yMin,
            plane.yMax = grid.yMax;
        }
        plane.modelX.assign(basis.modelX.begin(), basis.modelX.end());
        plane.modelY.assign(basis.modelY.begin(), basis.modelY.end());
        const size_t cells = static_cast<size_t>(plane.resolution * plane.resolution);
        if (plane.loss.size() != cells) {
            plane.loss.assign(cells, kNaN);
            plane.metric.assign(cells, kNaN);
        }
        plane.modelLoss.resize(3, kNaN);
        plane.modelMetric.resize(3, kNaN);
        // NaN coordinates of a direction surface's empty slots never compare equal.
        if (!directions && !trajectory)
            geometryChanged = geometry(plane) != before;
    }
    // Saves during the computation write the grid only; the extent and the models'
    // coordinates are written once, with the whole file.
    adoptPrecision(study, session, hooks); // after the geometry: it may save the whole file
    if (geometryChanged && hooks.persist)
        hooks.persist(StudyChange::everything());
    const PlaneGrid grid =
        directions || trajectory
            ? storedPlaneGrid(study.planes[index])
            : makePlaneGrid(basis, study.planes[index].resolution, study.planes[index].margin);
    const int64_t resolution = grid.resolution;

    // The models at their exact coordinates first, then the grid level by level.
    std::vector<std::vector<int64_t>> levels;
    std::vector<int64_t> models;
    for (int64_t m = 0; m < static_cast<int64_t>(planeModels(study.planes[index]).size()); ++m)
        if (std::isnan(study.planes[index].modelLoss[static_cast<size_t>(m)]))
            models.push_back(-1 - m);
    if (!models.empty())
        levels.push_back(models);
    for (auto& level : refinementLevels(resolution)) {
        std::vector<int64_t> missing;
        for (int64_t cell : level)
            if (std::isnan(study.planes[index].loss[static_cast<size_t>(cell)]) &&
                (cells == PlaneCells::All || cell / resolution == resolution / 2))
                missing.push_back(cell);
        if (!missing.empty())
            levels.push_back(std::move(missing));
    }
    int64_t totalPoints = 0;
    for (const auto& level : levels)
        totalPoints += static_cast<int64_t>(level.size());
    const int64_t total = totalPoints * evaluator.batches();
    int64_t done = 0;
    const std::string name = directions   ? "surface around " + names[0]
                             : trajectory ? "trajectory of " + study.planes[index].trajectory->run
                                          : names[0] + " / " + names[1] + " / " + names[2];
    hooks.progress.step(0, total, "plane " + name);

    auto save = [&] {
        study.planes[index].rowsDone = completePlaneRows(study.planes[index]);
        if (hooks.persist)
            hooks.persist(StudyChange::plane(static_cast<int64_t>(index)));
    };
    int64_t sinceSave = 0;
    try {
        for (const auto& level : levels) {
            for (int64_t cell : level) {
                hooks.progress.checkCancelled();
                double x, y;
                if (cell < 0) {
                    x = basis.modelX[static_cast<size_t>(-1 - cell)];
                    y = basis.modelY[static_cast<size_t>(-1 - cell)];
                } else {
                    x = grid.x(cell % resolution);
                    y = grid.y(cell / resolution);
                }
                session.space().combine(basis.origin, basis.u, x, basis.v, y);
                const Evaluation e =
                    evaluator.evaluate(session.space().model(), [&](int64_t, int64_t) {
                        hooks.progress.report(++done, total, "plane " + name);
                    });
                PlaneResult& plane = study.planes[index];
                if (cell < 0) {
                    plane.modelLoss[static_cast<size_t>(-1 - cell)] = e.loss;
                    plane.modelMetric[static_cast<size_t>(-1 - cell)] =
                        e.metric(dataset.primaryMetric);
                } else {
                    plane.loss[static_cast<size_t>(cell)] = e.loss;
                    plane.metric[static_cast<size_t>(cell)] = e.metric(dataset.primaryMetric);
                }
                if (++sinceSave >= resolution) {
                    save();
                    sinceSave = 0;
                }
            }
            save();
            sinceSave = 0;
            if (levelDone)
                levelDone(study.planes[index]);
        }
    } catch (const Cancelled&) {
        save();
        throw;
    }
    hooks.progress.step(total, total, "done");
}

} // namespace bs
