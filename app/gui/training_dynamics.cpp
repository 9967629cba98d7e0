#include "app/gui/training_dynamics.h"

#include "core/analysis/clustering.h"
#include "core/common/error.h"
#include "core/study/study_csv.h"

#include <iterator>
#include <map>
#include <set>

namespace bs::ui {

namespace {

struct StepClustering {
    std::vector<std::string> runs; // run of each clustered checkpoint
    std::vector<int> labels;
    std::vector<double> scores;
};

} // namespace

DynamicsData TrainingDynamics::compute(const Study& study, const ClusterRequest& request) {
    DynamicsData data;
    data.title = tr("Training dynamics (%1, k = 2 per step)")
                     .arg(QString::fromStdString(request.matrix).toUpper());
    // Two lines: the plot is wide and short, and in one line the label is longer than its axis.
    data.yLabel = tr("centroid score\n‖e − c₀‖ − ‖e − c₁‖");
    // Checkpoints by step.
    std::map<int64_t, std::vector<int64_t>> bySteps;
    std::set<std::string> runs;
    for (size_t m = 0; m < study.models.size(); ++m) {
        const ModelEntry& model = study.models[m];
        if (model.run.empty() || model.step < 0)
            continue;
        bySteps[model.step].push_back(int64_t(m));
        runs.insert(model.run);
    }
    if (runs.size() < 2) {
        data.emptyText = tr("Training dynamics need checkpoints of at least two runs tagged "
                            "with a run and a step (folders like seed-3/checkpoint-2000).");
        return data;
    }
    // A run's final model is the folder its checkpoints live in (seed-3 for
    // seed-3/checkpoint-2000, as a Trainer saves them). Its step is not recorded; it is drawn
    // one checkpoint interval after the last checkpoint, which is exact when the checkpoints
    // are evenly spaced and the run ends on that grid (the demo zoo's do).
    if (bySteps.size() >= 2) {
        const int64_t last = bySteps.rbegin()->first;
        const int64_t before = std::next(bySteps.rbegin())->first;
        std::vector<int64_t> finals;
        for (size_t m = 0; m < study.models.size(); ++m)
            if (study.models[m].step < 0 && runs.count(study.models[m].name))
                finals.push_back(int64_t(m));
        if (finals.size() >= 2) {
            bySteps[last + (last - before)] = finals;
            data.title += tr(" · last point: the final models");
        }
    }
    std::string dataset = request.dataset;
    if (dataset.empty() && study.surfaceDataset())
        dataset = study.surfaceDataset()->name;
    const Matrix* distances = nullptr;
    try {
        distances = &studyMatrix(study, request.matrix, dataset);
    } catch (const Error& e) {
        data.emptyText = QString::fromStdString(e.what());
        return data;
    }
    if (distances->rows != int64_t(study.models.size())) {
        data.emptyText = tr("Compute the curves first.");
        return data;
    }
    ClusteringOptions options;
    options.clusters = 2;
    options.delta = request.delta;
    options.medianDelta = request.medianDelta;
    options.missing = MissingDistances::ExcludeModels;

    std::map<int64_t, StepClustering> steps;
    for (const auto& [step, models] : bySteps) {
        if (models.size() < 3)
            continue; // two points always make two clusters: nothing to learn
        try {
            const Clustering c = clusterDistances(submatrix(*distances, models), options);
            if (c.models.size() < 3 || c.score.size() != c.models.size())
                continue;
            StepClustering s;
            for (size_t k = 0; k < c.models.size(); ++k) {
                const ModelEntry& entry = study.models[size_t(models[size_t(c.models[k])])];
                s.runs.push_back(entry.step < 0 ? entry.name : entry.run);
                s.labels.push_back(c.labels[k]);
                s.scores.push_back(c.score[k]);
            }
            steps[step] = std::move(s);
        } catch (const Error&) {
            continue; // e.g. a disconnected step with too few computed pairs
        }
    }
    if (steps.empty()) {
        data.emptyText = tr("No training step has three or more checkpoints with their pairs "
                            "computed yet.");
        return data;
    }
    // Match every step's clusters to the last step's: flip a step whose labels agree with the
    // final ones for fewer than half of the runs they share.
    const StepClustering& last = steps.rbegin()->second;
    std::map<std::string, int> finalLabel;
    for (size_t k = 0; k < last.runs.size(); ++k)
        finalLabel[last.runs[k]] = last.labels[k];
    for (auto& [step, s] : steps) {
        int agree = 0, shared = 0;
        for (size_t k = 0; k < s.runs.size(); ++k) {
            const auto f = finalLabel.find(s.runs[k]);
            if (f == finalLabel.end())
                continue;
            ++shared;
            agree += s.labels[k] == f->second ? 1 : 0;
        }
        if (shared > 0 && 2 * agree < shared)
            for (size_t k = 0; k < s.runs.size(); ++k) {
                s.labels[k] = 1 - s.labels[k];
                s.scores[k] = -s.scores[k];
            }
    }
    for (const std::string& run : runs) {
        DynamicsRun line;
        line.name = QString::fromStdString(run);
        for (const auto& [step, s] : steps)
            for (size_t k = 0; k < s.runs.size(); ++k)
                if (s.runs[k] == run) {
                    line.steps.push_back(double(step));
                    line.scores.push_back(s.scores[k]);
                }
        const auto f = finalLabel.find(run);
        line.finalCluster = f == finalLabel.end() ? -1 : f->second;
        if (!line.steps.empty())
            data.runs.push_back(std::move(line));
    }
    return data;
}

} // namespace bs::ui
