#include "core/jobs/sharpness_job.h"

#include "core/common/error.h"
#include "core/jobs/dataset_choice.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"

namespace bs {

SharpnessResult computeSharpness(Study& study, StudySession& session,
                                 const SharpnessRequest& request, const JobHooks& hooks) {
    const int64_t model = study.modelIndex(request.model);
    if (model < 0)
        throw Error("no model '" + request.model + "' in the study");
    const int64_t d = chooseDataset(study, request.dataset);
    const std::string& dataset = study.datasets[static_cast<size_t>(d)].name;
    const SharpnessValue value = epsilonSharpness(session.space(), session.cache().get(model),
                                                  session.evaluator(static_cast<size_t>(d)),
                                                  request.options, hooks.progress);
    SharpnessResult result;
    result.model = request.model;
    result.dataset = dataset;
    result.epsilon = request.options.epsilon;
    result.steps = value.steps;
    result.value = value.sharpness;
    int64_t row = -1;
    for (size_t r = 0; r < study.sharpness.size(); ++r) {
        SharpnessResult& existing = study.sharpness[r];
        if (existing.model == result.model && existing.dataset == result.dataset &&
            existing.epsilon == result.epsilon && existing.steps == result.steps) {
            existing = result;
            row = static_cast<int64_t>(r);
        }
    }
    if (row < 0)
        study.sharpness.push_back(result);
    // A new row changes the file's layout (a whole rewrite); a recomputed one is written in place.
    if (hooks.persist)
        hooks.persist(row < 0 ? StudyChange::everything() : StudyChange::sharpness(row));
    return result;
}

void computeSharpnessOfModels(Study& study, StudySession& session, std::vector<std::string> models,
                              const std::string& dataset, const SharpnessOptions& options,
                              const JobHooks& hooks,
                              const std::function<void(const SharpnessResult&)>& each) {
    if (models.empty())
        for (const ModelEntry& m : study.models)
            models.push_back(m.name);
    for (const std::string& model : models) {
        const SharpnessResult result =
            computeSharpness(study, session, SharpnessRequest{model, dataset, options}, hooks);
        if (each)
            each(result);
    }
}

} // namespace bs
