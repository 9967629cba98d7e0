#include "core/jobs/direction_job.h"

#include "core/common/error.h"
#include "core/jobs/plane_job.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace bs {

size_t findOrAddDirectionSurface(Study& study, const DirectionSurfaceRequest& request) {
    std::string dataset = request.dataset;
    if (dataset.empty()) {
        if (!study.surfaceDataset())
            throw Error("the study has no surface dataset");
        dataset = study.surfaceDataset()->name;
    }
    if (study.datasetIndex(dataset) < 0)
        throw Error("no dataset '" + dataset + "' in the study");
    if (study.modelIndex(request.model) < 0)
        throw Error("no model '" + request.model + "' in the study");
    if (request.resolution < 3 || request.resolution > 401 || request.resolution % 2 == 0)
        throw Error("surface resolution must be odd and between 3 and 401 (the model is the "
                    "centre point), not " +
                    std::to_string(request.resolution));
    if (!(request.range > 0) || !std::isfinite(request.range))
        throw Error("surface range must be a positive number");
    if (request.dimensions != 1 && request.dimensions != 2)
        throw Error("a surface has 1 or 2 dimensions");
    if (request.directions.seed > uint64_t(std::numeric_limits<int64_t>::max()))
        throw Error("the direction seed must be below 2^63");
    const double r = request.range;
    for (size_t p = 0; p < study.planes.size(); ++p) {
        const PlaneResult& plane = study.planes[p];
        if (plane.directions && *plane.directions == request.directions &&
            plane.models[0] == request.model && plane.dataset == dataset &&
            plane.resolution == request.resolution && plane.xMin == -r && plane.xMax == r)
            return p;
    }
    PlaneResult plane;
    plane.id = unusedPlaneId(study, "surface-");
    plane.models = {request.model, "", ""};
    plane.dataset = dataset;
    plane.resolution = request.resolution;
    plane.margin = 0;
    plane.xMin = plane.yMin = -r;
    plane.xMax = plane.yMax = r;
    plane.modelX = {0.0, kNaN, kNaN};
    plane.modelY = {0.0, kNaN, kNaN};
    const size_t cells = static_cast<size_t>(request.resolution * request.resolution);
    plane.loss.assign(cells, kNaN);
    plane.metric.assign(cells, kNaN);
    plane.modelLoss.assign(3, kNaN);
    plane.modelMetric.assign(3, kNaN);
    plane.directions = request.directions;
    study.planes.push_back(std::move(plane));
    return study.planes.size() - 1;
}

void computeDirectionSurface(Study& study, StudySession& session, size_t index, int dimensions,
                             const JobHooks& hooks,
                             const std::function<void(const PlaneResult&)>& levelDone) {
    if (index >= study.planes.size() || !study.planes[index].directions)
        throw Error("no direction surface number " + std::to_string(index));
    computePlane(study, session, index, hooks, levelDone,
                 dimensions == 1 ? PlaneCells::CentreRow : PlaneCells::All);
}

DirectionLine directionLine(const PlaneResult& surface) {
    DirectionLine line;
    const int64_t r = surface.resolution;
    if (r < 1 || surface.loss.size() != static_cast<size_t>(r * r))
        return line;
    const int64_t row = r / 2;
    for (int64_t column = 0; column < r; ++column) {
        line.x.push_back(r > 1 ? surface.xMin +
                                     (surface.xMax - surface.xMin) * double(column) / double(r - 1)
                               : surface.xMin);
        line.loss.push_back(surface.loss[static_cast<size_t>(row * r + column)]);
        line.metric.push_back(surface.metric[static_cast<size_t>(row * r + column)]);
    }
    return line;
}

std::string directionLineCsv(const PlaneResult& surface) {
    const DirectionLine line = directionLine(surface);
    std::string csv = "x,loss,metric\n";
    char row[96];
    for (size_t i = 0; i < line.x.size(); ++i) {
        std::snprintf(row, sizeof row, "%.17g,%.17g,%.17g\n", line.x[i], line.loss[i],
                      line.metric[i]);
        csv += row;
    }
    return csv;
}

} // namespace bs
