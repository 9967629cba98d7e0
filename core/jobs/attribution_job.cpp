#include "core/jobs/attribution_job.h"

#include "core/common/error.h"
#include "core/jobs/dataset_choice.h"
#include "core/jobs/study_session.h"
#include "core/landscape/attribution_paths.h"
#include "core/landscape/model_cache.h"
#include "core/study/study.h"

namespace bs {

BarrierAttribution computeAttribution(const Study& study, StudySession& session,
                                      const AttributionRequest& request, const Progress& progress) {
    const int64_t i = study.modelIndex(request.first);
    const int64_t j = study.modelIndex(request.second);
    if (i < 0)
        throw Error("no model '" + request.first + "' in the study");
    if (j < 0)
        throw Error("no model '" + request.second + "' in the study");
    if (i == j)
        throw Error("attribution needs two different models, got '" + request.first + "' twice");
    const int64_t d = chooseDataset(study, request.dataset);
    const std::string& dataset = study.datasets[static_cast<size_t>(d)].name;
    AttributionPaths paths;
    paths.firstName = request.first;
    paths.secondName = request.second;
    paths.dataset = dataset;
    paths.metricName = study.datasets[static_cast<size_t>(d)].primaryMetric;
    paths.points = request.points > 0 ? request.points : study.points;
    const at::Tensor a = session.cache().get(i);
    const at::Tensor b = session.cache().get(j);
    return attributeBarrier(session.space(), session.evaluator(static_cast<size_t>(d)), a, b, paths,
                            progress);
}

} // namespace bs
