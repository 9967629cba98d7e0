#include "core/jobs/trajectory_job.h"

#include "core/common/error.h"
#include "core/jobs/plane_job.h"

#include <algorithm>
#include <cmath>

namespace bs {

RunModels runModels(const Study& study, const std::string& run) {
    if (run.empty())
        throw Error("name the run whose trajectory to show");
    std::vector<const ModelEntry*> tagged;
    for (const ModelEntry& m : study.models)
        if (m.run == run)
            tagged.push_back(&m);
    std::stable_sort(tagged.begin(), tagged.end(),
                     [](const ModelEntry* a, const ModelEntry* b) { return a->step < b->step; });
    RunModels out;
    if (study.modelIndex(run) >= 0 && study.models[size_t(study.modelIndex(run))].run != run) {
        out.final = run;
    } else if (!tagged.empty()) {
        out.final = tagged.back()->name;
        tagged.pop_back();
    }
    for (const ModelEntry* m : tagged)
        out.checkpoints.push_back(m->name);
    if (out.checkpoints.size() < 2) {
        std::string runs;
        for (const ModelEntry& m : study.models)
            if (!m.run.empty() && runs.find("'" + m.run + "'") == std::string::npos)
                runs += (runs.empty() ? "" : ", ") + ("'" + m.run + "'");
        throw Error("run '" + run + "' has " + std::to_string(out.checkpoints.size()) +
                    " checkpoints besides its final model in the study; a trajectory plane needs "
                    "at least two (runs with checkpoints: " +
                    (runs.empty() ? std::string("none") : runs) + ")");
    }
    return out;
}

size_t findOrAddTrajectorySurface(Study& study, const TrajectorySurfaceRequest& request) {
    std::string dataset = request.dataset;
    if (dataset.empty()) {
        if (!study.surfaceDataset())
            throw Error("the study has no surface dataset");
        dataset = study.surfaceDataset()->name;
    }
    if (study.datasetIndex(dataset) < 0)
        throw Error("no dataset '" + dataset + "' in the study");
    if (request.resolution < 3 || request.resolution > 401)
        throw Error("surface resolution must be between 3 and 401, not " +
                    std::to_string(request.resolution));
    if (!(request.margin >= 0) || request.margin > 10)
        throw Error("the margin must be between 0 and 10");
    const RunModels models = runModels(study, request.run);
    for (size_t p = 0; p < study.planes.size(); ++p) {
        const PlaneResult& plane = study.planes[p];
        if (plane.trajectory && plane.trajectory->run == request.run &&
            plane.trajectory->models == models.checkpoints && plane.models[0] == models.final &&
            plane.dataset == dataset && plane.resolution == request.resolution &&
            plane.margin == request.margin)
            return p;
    }
    PlaneResult plane;
    plane.id = unusedPlaneId(study, "trajectory-");
    plane.models = {models.final, "", ""};
    plane.dataset = dataset;
    plane.resolution = request.resolution;
    plane.margin = request.margin;
    plane.modelX = {0.0, kNaN, kNaN};
    plane.modelY = {0.0, kNaN, kNaN};
    const size_t cells = static_cast<size_t>(request.resolution * request.resolution);
    plane.loss.assign(cells, kNaN);
    plane.metric.assign(cells, kNaN);
    plane.modelLoss.assign(3, kNaN);
    plane.modelMetric.assign(3, kNaN);
    TrajectoryAxes axes;
    axes.run = request.run;
    axes.models = models.checkpoints;
    axes.explainedVariance = {kNaN, kNaN};
    axes.x.assign(models.checkpoints.size(), kNaN);
    axes.y.assign(models.checkpoints.size(), kNaN);
    plane.trajectory = std::move(axes);
    study.planes.push_back(std::move(plane));
    return study.planes.size() - 1;
}

void computeTrajectorySurface(Study& study, StudySession& session, size_t index,
                              const JobHooks& hooks,
                              const std::function<void(const PlaneResult&)>& levelDone) {
    if (index >= study.planes.size() || !study.planes[index].trajectory)
        throw Error("no trajectory surface number " + std::to_string(index));
    computePlane(study, session, index, hooks, levelDone);
}

} // namespace bs
