#include "core/jobs/flip_job.h"

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/predicted_labels.h"
#include "core/study/study.h"

namespace bs {

namespace {

std::string defaultDataset(const Study& study) {
    for (const DatasetEntry& d : study.datasets)
        if (d.role == DatasetRole::Diagnostic)
            return d.name;
    if (const DatasetEntry* surface = study.surfaceDataset())
        return surface->name;
    throw Error("the study has no datasets");
}

// The dataset's examples as the study fixed them (the session checked when it opened that the
// file still gives these rows).
Dataset studyExamples(const DatasetEntry& entry) {
    Dataset source = loadDataset(parseDatasetSpec(entry.spec));
    if (source.examples.size() != entry.sampleRows.size())
        throw Error("dataset '" + entry.name + "' (" + entry.source +
                    "): the file no longer gives the rows this study was computed on");
    return source;
}

} // namespace

FlipAnalysis computeFlips(const Study& study, StudySession& session, const FlipRequest& request,
                          const Progress& progress) {
    const int64_t i = study.modelIndex(request.first);
    const int64_t j = study.modelIndex(request.second);
    if (i < 0)
        throw Error("no model '" + request.first + "' in the study");
    if (j < 0)
        throw Error("no model '" + request.second + "' in the study");
    if (i == j)
        throw Error("flips need two different models, got '" + request.first + "' twice");
    const std::string dataset = request.dataset.empty() ? defaultDataset(study) : request.dataset;
    const int64_t d = study.datasetIndex(dataset);
    if (d < 0)
        throw Error("no dataset '" + dataset + "' in the study");
    const DatasetEntry& entry = study.datasets[static_cast<size_t>(d)];
    const int64_t points = request.points > 0 ? request.points : study.points;
    if (points < 2)
        throw Error("flips need at least 2 points, got " + std::to_string(points));

    const Dataset source = studyExamples(entry);

    FlipAnalysis out;
    out.first = request.first;
    out.second = request.second;
    out.dataset = dataset;
    out.labelNames = entry.labelNames;
    out.alphas = curveAlphas(points);

    const Evaluator& evaluator = session.evaluator(static_cast<size_t>(d));
    ParameterSpace& space = session.space();
    const at::Tensor a = session.cache().get(i);
    const at::Tensor b = session.cache().get(j);
    const int64_t batches = evaluator.batches();
    const int64_t total = points * batches;
    std::vector<std::vector<int64_t>> predictions;
    try {
        for (int64_t k = 0; k < points; ++k) {
            const std::string message =
                "flips: alpha " + std::to_string(out.alphas[static_cast<size_t>(k)]);
            progress.step(k * batches, total, message);
            space.lerp(a, b, out.alphas[static_cast<size_t>(k)]);
            predictions.push_back(
                predictedLabels(evaluator, space.model(), [&](int64_t batch, int64_t) {
                    progress.report(k * batches + batch, total, message);
                }));
        }
        progress.report(total, total, "flips done");
        out.complete = true;
    } catch (const Cancelled&) {
        out.complete = false;
    }
    std::vector<int64_t> gold, rows;
    for (const Example& example : source.examples) {
        gold.push_back(example.label);
        rows.push_back(example.row);
    }
    collectFlips(out, predictions, gold, rows);
    for (FlippedExample& x : out.flipped) {
        const Example& example = source.examples[static_cast<size_t>(x.index)];
        x.textA = example.textA;
        x.textB = example.textB;
    }
    return out;
}

GroupFlipAnalysis computeGroupFlips(const Study& study, StudySession& session,
                                    const std::vector<std::string>& first,
                                    const std::vector<std::string>& second,
                                    const std::string& datasetName, const Progress& progress) {
    if (first.empty() || second.empty())
        throw Error("comparing two groups of models needs at least one model in each");
    const std::string dataset = datasetName.empty() ? defaultDataset(study) : datasetName;
    const int64_t d = study.datasetIndex(dataset);
    if (d < 0)
        throw Error("no dataset '" + dataset + "' in the study");
    const DatasetEntry& entry = study.datasets[static_cast<size_t>(d)];
    const Dataset source = studyExamples(entry);
    const Evaluator& evaluator = session.evaluator(static_cast<size_t>(d));

    GroupFlipAnalysis out;
    out.dataset = dataset;
    out.labelNames = entry.labelNames;
    out.firstModels = first;
    out.secondModels = second;
    const auto total = static_cast<int64_t>(first.size() + second.size());
    int64_t done = 0;
    auto predict = [&](const std::vector<std::string>& names) {
        std::vector<std::vector<int64_t>> predictions;
        for (const std::string& name : names) {
            const int64_t m = study.modelIndex(name);
            if (m < 0)
                throw Error("no model '" + name + "' in the study");
            progress.step(done++, total, "predicting " + name);
            session.space().set(session.cache().get(m));
            predictions.push_back(predictedLabels(evaluator, session.space().model()));
        }
        return predictions;
    };
    const auto a = predict(first);
    const auto b = predict(second);
    progress.report(total, total, "done");
    std::vector<int64_t> gold, rows;
    for (const Example& example : source.examples) {
        gold.push_back(example.label);
        rows.push_back(example.row);
    }
    collectGroupDisagreements(out, a, b, gold, rows);
    for (GroupDisagreement& x : out.disagreements) {
        const Example& example = source.examples[static_cast<size_t>(x.index)];
        x.textA = example.textA;
        x.textB = example.textB;
    }
    return out;
}

} // namespace bs
