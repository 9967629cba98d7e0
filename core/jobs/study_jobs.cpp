#include "core/jobs/study_jobs.h"

#include "core/analysis/distance.h"
#include "core/common/error.h"
#include "core/jobs/study_session.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/derived_matrices.h"
#include "core/study/example_loss_store.h"

#include <ATen/ATen.h>

#include <cmath>
#include <set>

namespace bs {

namespace {

void persist(const JobHooks& hooks, const StudyChange& change) {
    if (hooks.persist)
        hooks.persist(change);
}

// Records the content hashes the session saw, so later runs can detect changed checkpoints.
void recordHashes(Study& study, const StudySession& session) {
    for (const auto& [index, hash] : session.hashes())
        study.models[static_cast<size_t>(index)].contentHash = hash;
}

double flatDistance(const at::Tensor& a, const at::Tensor& b) {
    if (a.device().is_cpu() && a.scalar_type() == at::kFloat && a.is_contiguous() &&
        b.is_contiguous())
        return euclideanDistance(a.data_ptr<float>(), b.data_ptr<float>(), a.numel());
    return (a.to(at::kDouble) - b.to(at::kDouble)).norm().item<double>();
}

bool anyResult(const Study& study) {
    for (const auto& [name, evals] : study.evaluations)
        for (const Evaluation& e : evals)
            if (e.computed())
                return true;
    return !study.planes.empty() || !study.sharpness.empty() || !study.hessians.empty() ||
           !study.trainedCurves.empty();
}

bool modelEvaluatedEverywhere(const Study& study, int64_t model) {
    for (const DatasetEntry& dataset : study.datasets) {
        const auto it = study.evaluations.find(dataset.name);
        if (it == study.evaluations.end() || !it->second[static_cast<size_t>(model)].computed())
            return false;
    }
    return true;
}

std::string modelLabel(const Study& study, int64_t i) {
    return study.models[static_cast<size_t>(i)].name;
}

} // namespace

void adoptPrecision(Study& study, const StudySession& session, const JobHooks& hooks) {
    const std::string running = precisionName(session.precision());
    // Results from before the precision was recorded were computed in fp32.
    const std::string recorded = !study.precision.empty() ? study.precision
                                 : anyResult(study)       ? std::string("fp32")
                                                          : std::string();
    if (!recorded.empty() && recorded != running)
        throw Error("the study's results were computed in " + recorded + " and this run uses " +
                    running +
                    "; mixing them would compare values of different precision. Run "
                    "with --precision " +
                    recorded + ", or compute " + running + " results in a new study");
    if (study.precision != running) {
        study.precision = running;
        persist(hooks, StudyChange::everything());
    }
}

void evaluateModels(Study& study, StudySession& session, std::vector<int64_t> models, bool force,
                    const JobHooks& hooks) {
    study.ensureShapes();
    adoptPrecision(study, session, hooks);
    if (models.empty())
        for (int64_t i = 0; i < static_cast<int64_t>(study.models.size()); ++i)
            models.push_back(i);
    std::vector<int64_t> todo;
    ExampleLossStore* store = hooks.exampleLosses;
    for (int64_t model : models)
        if (force || !modelEvaluatedEverywhere(study, model) || (store && !store->hasModel(model)))
            todo.push_back(model);

    const int64_t perModel = session.batchesPerPoint();
    const int64_t total = static_cast<int64_t>(todo.size()) * perModel;
    int64_t done = 0;
    hooks.progress.step(0, total, "evaluating " + std::to_string(todo.size()) + " models");
    for (int64_t model : todo) {
        const std::string message = "evaluating " + modelLabel(study, model);
        session.space().set(session.cache().get(model));
        std::vector<std::vector<float>> examples;
        const std::vector<Evaluation> results = session.evaluateWorking(
            [&] {
                hooks.progress.step(++done, total, message); // a whole model is redone if stopped
            },
            store ? &examples : nullptr);
        if (store)
            store->writeModel(model, examples);
        for (size_t d = 0; d < study.datasets.size(); ++d)
            study.evaluations[study.datasets[d].name][static_cast<size_t>(model)] = results[d];
        recordHashes(study, session);
        persist(hooks, StudyChange::model(model));
        if (hooks.modelEvaluated)
            hooks.modelEvaluated(model);
    }
}

void computeCurves(Study& study, StudySession& session, std::vector<ModelPair> pairs,
                   const JobHooks& hooks) {
    study.ensureShapes();
    adoptPrecision(study, session, hooks);
    bool diagonalMissing = false;
    for (int64_t i = 0; i < static_cast<int64_t>(study.models.size()); ++i)
        if (std::isnan(study.distance.at(i, i))) {
            study.distance.at(i, i) = 0.0;
            diagonalMissing = true;
        }
    if (diagonalMissing) // pair saves write only their own cells
        persist(hooks, StudyChange::distances());
    const int64_t points = study.points;
    const std::vector<double> alphas = curveAlphas(points);

    // Endpoints come from the per-model evaluations.
    std::set<int64_t> endpoints;
    for (const auto& [i, j] : pairs) {
        endpoints.insert(i);
        endpoints.insert(j);
    }
    std::vector<int64_t> missing;
    ExampleLossStore* store = hooks.exampleLosses;
    for (int64_t m : endpoints)
        if (!modelEvaluatedEverywhere(study, m) || (store && !store->hasModel(m)))
            missing.push_back(m);
    if (!missing.empty())
        evaluateModels(study, session, missing, false, hooks);

    // Which interior points each pair still needs (resume at point granularity).
    struct Work {
        ModelPair pair;
        std::vector<int64_t> points;
    };
    std::vector<Work> work;
    int64_t totalPoints = 0;
    pairs = schedulePairs(std::move(pairs), static_cast<int64_t>(study.models.size()),
                          session.cache().capacity());
    for (const ModelPair& pair : pairs) {
        Work w{pair, {}};
        // A pair without its per-example losses is computed again for them, whole.
        const bool examplesMissing = store && !store->hasPair(pair.first, pair.second);
        for (int64_t k = 1; k + 1 < points && examplesMissing; ++k)
            w.points.push_back(k);
        for (int64_t k = 1; k + 1 < points && !examplesMissing; ++k)
            for (const DatasetEntry& dataset : study.datasets)
                if (std::isnan(study.curves[dataset.name].loss[study.curves[dataset.name].index(
                        pair.first, pair.second, k)])) {
                    w.points.push_back(k);
                    break;
                }
        const bool endpointsMissing = [&] {
            for (const DatasetEntry& dataset : study.datasets)
                if (!study.curves[dataset.name].hasPair(pair.first, pair.second))
                    return true;
            return false;
        }();
        // A pair saved in part by a killed run may lack its distance only.
        const bool distanceMissing = std::isnan(study.distance.at(pair.first, pair.second));
        if (w.points.empty() && !endpointsMissing && !distanceMissing && !examplesMissing)
            continue;
        totalPoints += static_cast<int64_t>(w.points.size());
        work.push_back(std::move(w));
    }

    const int64_t perPoint = session.batchesPerPoint();
    const int64_t total = totalPoints * perPoint;
    int64_t done = 0;
    hooks.progress.step(0, total, std::to_string(work.size()) + " pairs to compute");
    for (const Work& w : work) {
        const auto [i, j] = w.pair;
        // Endpoints from the evaluations; the interior from what is stored (NaN = missing).
        for (const DatasetEntry& dataset : study.datasets) {
            CurveSet& curves = study.curves[dataset.name];
            const auto& evals = study.evaluations[dataset.name];
            std::vector<double> loss = curves.lossCurve(i, j);
            std::vector<double> metric = curves.metricCurve(i, j);
            loss.front() = evals[static_cast<size_t>(i)].loss;
            loss.back() = evals[static_cast<size_t>(j)].loss;
            metric.front() = evals[static_cast<size_t>(i)].metric(dataset.primaryMetric);
            metric.back() = evals[static_cast<size_t>(j)].metric(dataset.primaryMetric);
            curves.setPair(i, j, loss, metric);
        }
        const at::Tensor a = session.cache().get(i);
        const at::Tensor b = session.cache().get(j);
        recordHashes(study, session);
        if (std::isnan(study.distance.at(i, j))) {
            const double d = flatDistance(a, b);
            study.distance.at(i, j) = d;
            study.distance.at(j, i) = d;
        }
        const std::string pairName = modelLabel(study, i) + " - " + modelLabel(study, j);
        try {
            for (size_t p = 0; p < w.points.size(); ++p) {
                hooks.progress.checkCancelled();
                const int64_t k = w.points[p];
                session.space().lerp(a, b, alphas[static_cast<size_t>(k)]);
                const std::string message =
                    pairName + ", point " + std::to_string(k + 1) + "/" + std::to_string(points);
                std::vector<std::vector<float>> examples;
                const std::vector<Evaluation> results =
                    session.evaluateWorking([&] { hooks.progress.report(++done, total, message); },
                                            store ? &examples : nullptr);
                if (store)
                    store->writePoint(i, j, k, examples);
                for (size_t d = 0; d < study.datasets.size(); ++d) {
                    const DatasetEntry& dataset = study.datasets[d];
                    CurveSet& curves = study.curves[dataset.name];
                    std::vector<double> loss = curves.lossCurve(i, j);
                    std::vector<double> metric = curves.metricCurve(i, j);
                    loss[static_cast<size_t>(k)] = results[d].loss;
                    metric[static_cast<size_t>(k)] = results[d].metric(dataset.primaryMetric);
                    curves.setPair(i, j, loss, metric);
                }
            }
        } catch (const Cancelled&) {
            // Points finished so far are kept; the rerun resumes at the first missing one.
            updatePairMatrices(study, i, j);
            persist(hooks, StudyChange::pair(i, j));
            throw;
        }
        if (store)
            store->finishPair(i, j);
        updatePairMatrices(study, i, j);
        persist(hooks, StudyChange::pair(i, j));
        if (hooks.pairFinished)
            hooks.pairFinished(w.pair);
    }
    hooks.progress.step(total, total, "done");
}

void computeDistances(Study& study, StudySession& session, const JobHooks& hooks) {
    study.ensureShapes();
    std::vector<ModelPair> pairs;
    for (const ModelPair& pair : allPairs(static_cast<int64_t>(study.models.size())))
        if (std::isnan(study.distance.at(pair.first, pair.second)))
            pairs.push_back(pair);
    pairs = schedulePairs(std::move(pairs), static_cast<int64_t>(study.models.size()),
                          session.cache().capacity());
    const int64_t total = static_cast<int64_t>(pairs.size());
    int64_t done = 0;
    for (const auto& [i, j] : pairs) {
        hooks.progress.step(done, total,
                            "distance " + modelLabel(study, i) + " - " + modelLabel(study, j));
        const double d = flatDistance(session.cache().get(i), session.cache().get(j));
        study.distance.at(i, j) = d;
        study.distance.at(j, i) = d;
        ++done;
    }
    for (int64_t i = 0; i < static_cast<int64_t>(study.models.size()); ++i)
        study.distance.at(i, i) = 0.0;
    recordHashes(study, session);
    persist(hooks, StudyChange::distances());
    hooks.progress.step(total, total, "done");
}

std::vector<ModelPair> pairsByName(const Study& study,
                                   const std::vector<std::pair<std::string, std::string>>& names) {
    std::vector<ModelPair> pairs;
    auto lookup = [&](const std::string& name) {
        const int64_t index = study.modelIndex(name);
        if (index < 0) {
            std::string known;
            for (const ModelEntry& model : study.models)
                known += (known.empty() ? "" : ", ") + model.name;
            throw Error("unknown model '" + name +
                        "' in --pairs; the study's models are: " + known);
        }
        return index;
    };
    for (const auto& [a, b] : names) {
        int64_t i = lookup(a), j = lookup(b);
        if (i == j)
            throw Error("--pairs: '" + a + "' is paired with itself");
        if (i > j)
            std::swap(i, j);
        pairs.emplace_back(i, j);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

} // namespace bs
