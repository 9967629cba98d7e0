#include "core/jobs/curve_job.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/io/derived_checkpoint.h"
#include "core/jobs/study_session.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/study.h"
#include "core/text/tokenizer_loader.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <unistd.h>

namespace bs {

namespace fs = std::filesystem;

namespace {

// The training file as the study would evaluate it: same tokenizer, length and label names.
Evaluator trainingEvaluator(const Study& study, const ParameterSpace& space,
                            const std::string& spec, const std::string& modelFolder) {
    const Dataset dataset = loadDataset(parseDatasetSpec(spec));
    std::optional<WordPieceTokenizer> tokenizer;
    if (!dataset.pretokenized)
        tokenizer = loadTokenizerForModel(modelFolder);
    const EncodedDataset encoded =
        encodeDataset(dataset, tokenizer ? &*tokenizer : nullptr, study.maxLength, "training");
    LabelMapping mapping;
    try {
        mapping = mapLabels(dataset.labelNames, studyModelLabels(study));
    } catch (const Error& e) {
        throw Error("training file: " + std::string(e.what()));
    }
    EvalOptions options;
    options.device = space.device();
    return Evaluator(encoded, space.config(), std::move(mapping), options);
}

// The endpoints' indices; bs::Error for an invalid request.
std::pair<int64_t, int64_t> checkRequest(const Study& study, const CurveRequest& request) {
    const int64_t i = study.modelIndex(request.first), j = study.modelIndex(request.second);
    if (i < 0 || j < 0)
        throw Error("no model '" + (i < 0 ? request.first : request.second) + "' in the study");
    if (i == j)
        throw Error("a curve needs two different models");
    if (request.trainSpec.empty())
        throw Error("a curve needs a training file (a dataset spec)");
    return {i, j};
}

bool holdsModel(const fs::path& folder) {
    return !folder.empty() && fs::exists(folder / "model.safetensors");
}

// Writes the control point as a checkpoint folder, whole or not at all: written beside it
// and renamed into place, so that a run killed meanwhile leaves no torn weights to resume from.
void saveControl(StudySession& session, const fs::path& folder, const std::string& like,
                 const CurveRequest& request, const at::Tensor& control) {
    if (holdsModel(folder))
        throw Error(folder.string() + " already holds a model; choose a new folder");
    char lr[32];
    std::snprintf(lr, sizeof lr, "%.17g", request.training.learningRate);
    const fs::path temp = folder.string() + ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(temp, ec);
    writeDerivedCheckpoint(temp, like, session.space().unflatten(control),
                           {{"basinscope_curve_kind", curveKindName(request.training.kind)},
                            {"basinscope_curve_endpoints", request.first + "," + request.second},
                            {"basinscope_curve_training", request.trainSpec},
                            {"basinscope_curve_recipe",
                             "steps=" + std::to_string(request.training.steps) + ",lr=" + lr +
                                 ",batch=" + std::to_string(request.training.batchSize) +
                                 ",optimizer=" + curveOptimizerName(request.training.optimizer) +
                                 ",seed=" + std::to_string(request.training.seed)}});
    if (fs::exists(folder)) // an empty folder the user named
        fs::remove(folder, ec);
    fs::rename(temp, folder, ec);
    if (ec)
        throw Error("cannot move the control point into " + folder.string() + ": " + ec.message());
}

// Brings the curve's comparisons to the study's datasets, in study order, with NaN for what
// was never evaluated.
void matchDatasets(const Study& study, TrainedCurve& curve) {
    std::vector<CurveComparison> out;
    const size_t p = curve.t.size();
    for (const DatasetEntry& d : study.datasets) {
        auto it = std::find_if(curve.datasets.begin(), curve.datasets.end(),
                               [&](const CurveComparison& c) { return c.dataset == d.name; });
        if (it != curve.datasets.end()) {
            out.push_back(std::move(*it));
            continue;
        }
        CurveComparison c;
        c.dataset = d.name;
        c.metric = d.primaryMetric;
        for (auto* values : {&c.lineLoss, &c.lineMetric, &c.curveLoss, &c.curveMetric})
            values->assign(p, kNaN);
        out.push_back(std::move(c));
    }
    curve.datasets = std::move(out);
}

void refreshBarriers(TrainedCurve& curve) {
    for (CurveComparison& c : curve.datasets) {
        c.line = barrierMetrics(c.lineLoss);
        c.curve = barrierMetrics(c.curveLoss);
    }
}

// Evaluates the points of `curve` that some dataset lacks: the line first, then the curve,
// whose ends are the line's (the models themselves). `saved` runs after each point. Returns the
// number of points evaluated.
int64_t evaluateMissing(StudySession& session, const at::Tensor& a, const at::Tensor& b,
                        const at::Tensor& control, TrainedCurve& curve, const Progress& progress,
                        const std::function<void()>& saved) {
    const auto p = static_cast<int64_t>(curve.t.size());
    const auto missing = [&](bool onCurve, int64_t k) {
        for (const CurveComparison& c : curve.datasets)
            if (std::isnan((onCurve ? c.curveLoss : c.lineLoss)[size_t(k)]))
                return true;
        return false;
    };
    int64_t total = 0, done = 0;
    for (int64_t k = 0; k < p; ++k)
        total += missing(false, k) + (k > 0 && k < p - 1 && missing(true, k));
    for (bool onCurve : {false, true}) {
        if (onCurve) {
            // The curve's ends are the models: the line's ends, once the line is complete.
            bool copied = false;
            for (CurveComparison& c : curve.datasets)
                for (int64_t k : {int64_t(0), p - 1}) {
                    copied = copied || std::isnan(c.curveLoss[size_t(k)]);
                    c.curveLoss[size_t(k)] = c.lineLoss[size_t(k)];
                    c.curveMetric[size_t(k)] = c.lineMetric[size_t(k)];
                }
            refreshBarriers(curve);
            if (copied && saved)
                saved();
        }
        for (int64_t k = onCurve ? 1 : 0; k < (onCurve ? p - 1 : p); ++k) {
            if (!missing(onCurve, k))
                continue;
            progress.step(done, total, onCurve ? "curve" : "line");
            const double t = curve.t[size_t(k)];
            if (onCurve)
                session.space().set(curvePoint(curve.training.kind, a, control, b, t));
            else
                session.space().lerp(a, b, t);
            const std::vector<Evaluation> e = session.evaluateWorking();
            for (size_t d = 0; d < e.size(); ++d) {
                CurveComparison& c = curve.datasets[d];
                (onCurve ? c.curveLoss : c.lineLoss)[size_t(k)] = e[d].loss;
                (onCurve ? c.curveMetric : c.lineMetric)[size_t(k)] = e[d].metric(c.metric);
            }
            ++done;
            refreshBarriers(curve);
            if (saved)
                saved();
        }
    }
    refreshBarriers(curve);
    progress.step(total, total, "done");
    return done;
}

TrainedCurve emptyCurve(const Study& study, const CurveRequest& request) {
    TrainedCurve curve;
    curve.first = request.first;
    curve.second = request.second;
    curve.trainSpec = request.trainSpec;
    curve.training = request.training;
    curve.t = curveAlphas(study.points);
    matchDatasets(study, curve);
    return curve;
}

std::string unusedCurveId(const Study& study) {
    for (int n = 0;; ++n) {
        const std::string id = "curve-" + std::to_string(n);
        if (std::none_of(study.trainedCurves.begin(), study.trainedCurves.end(),
                         [&](const TrainedCurve& c) { return c.id == id; }))
            return id;
    }
}

} // namespace

CurveResult computeCurve(const Study& study, StudySession& session, const CurveRequest& request,
                         const Progress& progress) {
    const auto [i, j] = checkRequest(study, request);
    if (holdsModel(request.saveTo))
        throw Error(request.saveTo.string() + " already holds a model; choose a new folder");
    const std::string& folder = study.models[static_cast<size_t>(i)].path;
    const Evaluator training = trainingEvaluator(study, session.space(), request.trainSpec, folder);

    CurveResult out;
    out.trainingExamples = training.data().size();
    const at::Tensor a = session.cache().get(i);
    const at::Tensor b = session.cache().get(j);
    out.training = trainCurve(session.space(), a, b, training, request.training, progress);

    TrainedCurve curve = emptyCurve(study, request);
    evaluateMissing(session, a, b, out.training.control, curve, progress, {});
    out.t = curve.t;
    out.datasets = std::move(curve.datasets);
    if (!request.saveTo.empty()) {
        saveControl(session, request.saveTo, folder, request, out.training.control);
        out.savedTo = request.saveTo.string();
    }
    return out;
}

StoredCurveRun computeStoredCurve(Study& study, StudySession& session, const CurveRequest& request,
                                  const JobHooks& hooks) {
    const auto [i, j] = checkRequest(study, request);
    adoptPrecision(study, session, hooks);
    const auto save = [&] {
        if (hooks.persist)
            hooks.persist(StudyChange::everything());
    };
    const std::string& like = study.models[static_cast<size_t>(i)].path;
    const at::Tensor a = session.cache().get(i);
    const at::Tensor b = session.cache().get(j);

    StoredCurveRun run;
    run.index = study.trainedCurves.size();
    for (size_t c = 0; c < study.trainedCurves.size(); ++c)
        if (study.trainedCurves[c].sameRecipe(request.first, request.second, request.trainSpec,
                                              request.training, study.points))
            run.index = c;
    at::Tensor control;
    if (run.index < study.trainedCurves.size() &&
        holdsModel(study.trainedCurves[run.index].controlPoint)) {
        const auto reader = CheckpointReader::open(study.trainedCurves[run.index].controlPoint);
        control = session.space().load(*reader).to(a.device(), a.scalar_type());
        if (!request.saveTo.empty() &&
            fs::absolute(request.saveTo) != fs::path(study.trainedCurves[run.index].controlPoint))
            saveControl(session, request.saveTo, like, request, control);
    } else {
        const bool replacing = run.index < study.trainedCurves.size();
        const std::string id = replacing ? study.trainedCurves[run.index].id : unusedCurveId(study);
        const fs::path folder = !request.saveTo.empty()   ? request.saveTo
                                : !request.keepIn.empty() ? request.keepIn / id
                                                          : fs::path();
        if (holdsModel(folder))
            throw Error(folder.string() + " already holds a model; choose a new folder");
        const Evaluator training =
            trainingEvaluator(study, session.space(), request.trainSpec, like);
        CurveTraining trained =
            trainCurve(session.space(), a, b, training, request.training, hooks.progress);
        control = trained.control;
        if (!folder.empty())
            saveControl(session, folder, like, request, control);
        TrainedCurve curve = emptyCurve(study, request);
        curve.id = id;
        curve.trainingExamples = training.data().size();
        curve.trainingLosses = std::move(trained.batchLosses);
        curve.controlPoint = folder.empty() ? std::string() : fs::absolute(folder).string();
        refreshBarriers(curve);
        if (replacing)
            study.trainedCurves[run.index] = std::move(curve);
        else
            study.trainedCurves.push_back(std::move(curve));
        run.trained = true;
        save();
    }
    TrainedCurve& curve = study.trainedCurves[run.index];
    matchDatasets(study, curve);
    run.pointsComputed = evaluateMissing(session, a, b, control, curve, hooks.progress, save);
    return run;
}

std::string curveComparisonCsv(const std::vector<double>& t,
                               const std::vector<CurveComparison>& datasets) {
    std::string csv = "dataset,t,line_loss,line_metric,curve_loss,curve_metric\n";
    char row[160];
    for (const CurveComparison& c : datasets)
        for (size_t k = 0; k < t.size(); ++k) {
            std::snprintf(row, sizeof row, ",%.17g,%.17g,%.17g,%.17g,%.17g\n", t[k], c.lineLoss[k],
                          c.lineMetric[k], c.curveLoss[k], c.curveMetric[k]);
            csv += c.dataset + row;
        }
    return csv;
}

std::string curveComparisonCsv(const CurveResult& result) {
    return curveComparisonCsv(result.t, result.datasets);
}

} // namespace bs
