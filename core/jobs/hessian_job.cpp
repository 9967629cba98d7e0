#include "core/jobs/hessian_job.h"

#include "core/common/error.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/study.h"

namespace bs {

HessianRequest resolveHessianRequest(const Study& study, HessianRequest request) {
    if (request.dataset.empty() && study.surfaceDataset())
        request.dataset = study.surfaceDataset()->name;
    if (study.datasetIndex(request.dataset) < 0)
        throw Error("no dataset '" + request.dataset + "' in the study");
    if (request.models.empty())
        for (const ModelEntry& m : study.models)
            request.models.push_back(m.name);
    for (const std::string& name : request.models)
        if (study.modelIndex(name) < 0)
            throw Error("no model '" + name + "' in the study");
    if (request.groups.empty())
        request.groups.push_back("");
    return request;
}

std::vector<ModelHessian> computeHessians(const Study& study, StudySession& session,
                                          const HessianRequest& request, const Progress& progress,
                                          const std::function<void(const ModelHessian&)>& done) {
    const HessianRequest r = resolveHessianRequest(study, request);
    const size_t d = static_cast<size_t>(study.datasetIndex(r.dataset));
    std::vector<ModelHessian> results;
    for (const std::string& name : r.models) {
        const at::Tensor point = session.cache().get(study.modelIndex(name));
        for (const std::string& group : r.groups) {
            const HessianOperator op(session.space(), point, session.evaluator(d), group,
                                     r.options.batchSize);
            results.push_back({name, r.dataset, group, hessianSpectrum(op, r.options, progress)});
            if (done)
                done(results.back());
        }
    }
    return results;
}

void computeStoredHessians(Study& study, StudySession& session, const HessianRequest& request,
                           const JobHooks& hooks,
                           const std::function<void(const ModelHessian&, bool stored)>& done) {
    const HessianRequest r = resolveHessianRequest(study, request);
    adoptPrecision(study, session, hooks);
    const size_t d = static_cast<size_t>(study.datasetIndex(r.dataset));
    for (const std::string& name : r.models)
        for (const std::string& group : r.groups) {
            const HessianResult* kept = findHessian(study.hessians, name, r.dataset);
            const HessianGroupValue* value =
                kept && kept->settings.sameSettings(r.options) ? kept->find(group) : nullptr;
            if (value) {
                if (done)
                    done({name, r.dataset, group, value->value}, true);
                continue;
            }
            const at::Tensor point = session.cache().get(study.modelIndex(name));
            const HessianOperator op(session.space(), point, session.evaluator(d), group,
                                     r.options.batchSize);
            const ModelHessian result{name, r.dataset, group,
                                      hessianSpectrum(op, r.options, hooks.progress)};
            recordHessian(study.hessians, name, r.dataset, r.options, {group, result.value});
            if (hooks.persist)
                hooks.persist(StudyChange::everything());
            if (done)
                done(result, false);
        }
}

} // namespace bs
