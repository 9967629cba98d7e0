#include "core/jobs/soup_job.h"

#include "core/common/error.h"
#include "core/io/derived_checkpoint.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/weight_average.h"
#include "core/study/study.h"

#include <set>

namespace bs {

namespace {

std::vector<int64_t> modelIndices(const Study& study, const std::vector<std::string>& names) {
    if (names.empty())
        throw Error("a soup needs at least one model");
    std::vector<int64_t> out;
    std::set<int64_t> seen;
    for (const std::string& name : names) {
        const int64_t m = study.modelIndex(name);
        if (m < 0)
            throw Error("no model '" + name + "' in the study");
        if (!seen.insert(m).second)
            throw Error("model '" + name + "' is named twice in the soup");
        out.push_back(m);
    }
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Evaluates the average of `models` on every dataset; `done`/`total` count evaluations of a
// dataset for progress.
SoupEvaluation evaluateSoup(const Study& study, StudySession& session,
                            const std::vector<int64_t>& models, const std::string& name,
                            const std::filesystem::path& saveTo, const Progress& progress,
                            int64_t& done, int64_t total) {
    SoupEvaluation out;
    out.name = name;
    out.kind = "selection";
    std::vector<at::Tensor> flats;
    for (const int64_t m : models) {
        out.models.push_back(study.models[static_cast<size_t>(m)].name);
        flats.push_back(session.cache().get(m));
    }
    ParameterSpace& space = session.space();
    const at::Tensor soup = averageWeights(flats);
    flats.clear();
    space.setName(soup, name);
    space.set(soup);
    const int64_t batches = session.batchesPerPoint();
    int64_t batch = 0;
    progress.step(done * batches, total * batches, "evaluating " + name);
    out.evaluations = session.evaluateWorking([&]() {
        progress.report(done * batches + ++batch, total * batches, "evaluating " + name);
    });
    ++done;
    for (const DatasetEntry& d : study.datasets) {
        out.datasets.push_back(d.name);
        std::vector<Evaluation> own;
        const auto it = study.evaluations.find(d.name);
        if (it != study.evaluations.end())
            for (const int64_t m : models)
                if (static_cast<size_t>(m) < it->second.size())
                    own.push_back(it->second[static_cast<size_t>(m)]);
        out.ingredientMean.push_back(meanEvaluation(own));
    }
    if (!saveTo.empty()) {
        writeDerivedCheckpoint(saveTo, study.models[static_cast<size_t>(models.front())].path,
                               space.unflatten(soup), {{"basinscope_soup_of", joined(out.models)}});
        out.savedTo = saveTo.string();
    }
    return out;
}

} // namespace

SoupEvaluation computeSoup(const Study& study, StudySession& session, const SoupRequest& request,
                           const Progress& progress) {
    const std::vector<int64_t> models = modelIndices(study, request.models);
    const std::string name =
        request.name.empty() ? "soup of " + joined(request.models) : request.name;
    int64_t done = 0;
    SoupEvaluation out =
        evaluateSoup(study, session, models, name, request.saveTo, progress, done, 1);
    progress.report(1, 1, "soup done");
    return out;
}

void addSoupModel(Study& study, const SoupEvaluation& soup) {
    if (soup.savedTo.empty())
        throw Error("a soup joins the study as a checkpoint folder: save it first (--save DIR)");
    if (study.models.empty())
        throw Error("the study has no models");
    ModelEntry entry = describeModelFolder(soup.savedTo);
    if (study.modelIndex(entry.name) >= 0)
        throw Error("a model named '" + entry.name +
                    "' is already in the study; save the soup "
                    "in a folder of another name");
    entry.family = study.models.front().family;
    entry.parameterCount = study.models.front().parameterCount;
    std::vector<ModelEntry> models = study.models;
    models.push_back(entry);
    study.setModels(std::move(models));
    const auto m = static_cast<size_t>(study.modelIndex(entry.name));
    for (size_t d = 0; d < soup.datasets.size(); ++d) {
        auto it = study.evaluations.find(soup.datasets[d]);
        if (it != study.evaluations.end() && m < it->second.size())
            it->second[m] = soup.evaluations[d];
    }
}

std::vector<SoupEvaluation> computeBasinSoups(const Study& study, StudySession& session,
                                              const std::vector<std::string>& models,
                                              const std::vector<int64_t>& labels,
                                              const Progress& progress) {
    if (models.size() != labels.size())
        throw Error("a clustering needs one label per model (" + std::to_string(models.size()) +
                    " models, " + std::to_string(labels.size()) + " labels)");
    const std::vector<int64_t> indices = modelIndices(study, models);
    const std::vector<SoupSelection> selections = withinAcrossSelections(labels);
    if (selections.empty())
        throw Error("within- and across-basin soups need at least two clusters, one of them "
                    "with two or more models");
    std::vector<SoupEvaluation> out;
    int64_t done = 0;
    const auto total = static_cast<int64_t>(selections.size());
    try {
        for (const SoupSelection& s : selections) {
            std::vector<int64_t> chosen;
            for (const int64_t m : s.models)
                chosen.push_back(indices[static_cast<size_t>(m)]);
            const std::string name =
                (s.kind == "within" ? "within cluster " : "across, size of cluster ") +
                std::to_string(s.cluster);
            SoupEvaluation soup =
                evaluateSoup(study, session, chosen, name, {}, progress, done, total);
            soup.kind = s.kind;
            soup.cluster = s.cluster;
            out.push_back(std::move(soup));
        }
        progress.report(total, total, "soups done");
    } catch (const Cancelled&) {
        // The soups finished so far are returned.
    }
    return out;
}

} // namespace bs
