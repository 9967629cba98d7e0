#include "core/jobs/curve_job.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/data/label_mapping.h"
#include "core/io/derived_checkpoint.h"
#include "core/jobs/study_session.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/study.h"
#include "core/text/tokenizer_loader.h"

#include <ATen/ATen.h>

#include <cstdio>
#include <optional>

namespace bs {

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

} // namespace

CurveResult computeCurve(const Study& study, StudySession& session, const CurveRequest& request,
                         const Progress& progress) {
    const int64_t i = study.modelIndex(request.first), j = study.modelIndex(request.second);
    if (i < 0 || j < 0)
        throw Error("no model '" + (i < 0 ? request.first : request.second) + "' in the study");
    if (i == j)
        throw Error("a curve needs two different models");
    if (request.trainSpec.empty())
        throw Error("a curve needs a training file (a dataset spec)");
    if (!request.saveTo.empty() && std::filesystem::exists(request.saveTo / "model.safetensors"))
        throw Error(request.saveTo.string() + " already holds a model; choose a new folder");
    const std::string& folder = study.models[static_cast<size_t>(i)].path;
    const Evaluator training = trainingEvaluator(study, session.space(), request.trainSpec, folder);

    CurveResult out;
    out.trainingExamples = training.data().size();
    const at::Tensor a = session.cache().get(i);
    const at::Tensor b = session.cache().get(j);
    out.training = trainCurve(session.space(), a, b, training, request.training, progress);

    out.t = curveAlphas(study.points);
    const int64_t points = static_cast<int64_t>(out.t.size());
    for (const DatasetEntry& d : study.datasets) {
        CurveComparison c;
        c.dataset = d.name;
        c.metric = d.primaryMetric;
        out.datasets.push_back(c);
    }
    // The ends are shared: the curve's are the models themselves.
    const int64_t total = 2 * points - 2;
    int64_t done = 0;
    auto evaluateHere = [&](bool onCurve) {
        progress.step(done++, total, onCurve ? "curve" : "line");
        const std::vector<Evaluation> e = session.evaluateWorking();
        for (size_t d = 0; d < e.size(); ++d) {
            CurveComparison& c = out.datasets[d];
            (onCurve ? c.curveLoss : c.lineLoss).push_back(e[d].loss);
            (onCurve ? c.curveMetric : c.lineMetric).push_back(e[d].metric(c.metric));
        }
    };
    for (int64_t k = 0; k < points; ++k) {
        session.space().lerp(a, b, out.t[size_t(k)]);
        evaluateHere(false);
    }
    for (int64_t k = 0; k < points; ++k) {
        if (k == 0 || k == points - 1) {
            for (CurveComparison& c : out.datasets) {
                c.curveLoss.push_back(c.lineLoss[size_t(k)]);
                c.curveMetric.push_back(c.lineMetric[size_t(k)]);
            }
            continue;
        }
        session.space().set(
            curvePoint(request.training.kind, a, out.training.control, b, out.t[size_t(k)]));
        evaluateHere(true);
    }
    progress.step(total, total, "done");
    for (CurveComparison& c : out.datasets) {
        c.line = barrierMetrics(c.lineLoss);
        c.curve = barrierMetrics(c.curveLoss);
    }

    if (!request.saveTo.empty()) {
        char lr[32];
        std::snprintf(lr, sizeof lr, "%.17g", request.training.learningRate);
        writeDerivedCheckpoint(
            request.saveTo, folder, session.space().unflatten(out.training.control),
            {{"basinscope_curve_kind", curveKindName(request.training.kind)},
             {"basinscope_curve_endpoints", request.first + "," + request.second},
             {"basinscope_curve_training", request.trainSpec},
             {"basinscope_curve_recipe",
              "steps=" + std::to_string(request.training.steps) + ",lr=" + lr +
                  ",batch=" + std::to_string(request.training.batchSize) +
                  ",optimizer=" + curveOptimizerName(request.training.optimizer) +
                  ",seed=" + std::to_string(request.training.seed)}});
        out.savedTo = request.saveTo.string();
    }
    return out;
}

std::string curveComparisonCsv(const CurveResult& result) {
    std::string csv = "dataset,t,line_loss,line_metric,curve_loss,curve_metric\n";
    char row[160];
    for (const CurveComparison& c : result.datasets)
        for (size_t k = 0; k < result.t.size(); ++k) {
            std::snprintf(row, sizeof row, ",%.17g,%.17g,%.17g,%.17g,%.17g\n", result.t[k],
                          c.lineLoss[k], c.lineMetric[k], c.curveLoss[k], c.curveMetric[k]);
            csv += c.dataset + row;
        }
    return csv;
}

} // namespace bs
