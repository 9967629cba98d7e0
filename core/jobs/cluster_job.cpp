#include "core/jobs/cluster_job.h"

#include "core/analysis/clustering.h"
#include "core/common/error.h"
#include "core/study/study_csv.h"

#include <cmath>
#include <sstream>

namespace bs {

namespace {

// A model column "<dataset>.loss" is the evaluation's loss; the others are its metrics.
const std::string kLossColumn = "loss";

// The evaluation columns of a dataset, in the order the model table has always listed them:
// the primary metric of most tasks first, then the loss, then the other metrics.
std::vector<std::string> evaluationColumns() {
    std::vector<std::string> columns{metricId(Metric::Accuracy), kLossColumn};
    for (Metric metric : allMetrics())
        if (metric != Metric::Accuracy)
            columns.push_back(metricId(metric));
    return columns;
}

} // namespace

ClusteringResult clusterModels(const Study& study, const ClusterRequest& request) {
    if (request.k < 2)
        throw Error("clustering needs k >= 2");
    const MatrixKind kind = parseMatrixId(request.matrix);
    std::string dataset = request.dataset;
    if (dataset.empty() && isCurveMatrix(kind)) {
        if (!study.surfaceDataset())
            throw Error("the study has no surface dataset");
        dataset = study.surfaceDataset()->name;
    }
    const std::vector<int64_t> compared = connectivityModels(study);
    const Matrix distances = submatrix(studyMatrix(study, kind, dataset), compared);
    if (distances.rows < request.k)
        throw Error("cannot make " + std::to_string(request.k) + " clusters of " +
                    std::to_string(distances.rows) + " models");
    ClusteringOptions options;
    options.clusters = static_cast<int>(request.k);
    options.delta = request.delta;
    options.medianDelta = request.medianDelta;
    options.missing = MissingDistances::ExcludeModels;
    const Clustering clustering = clusterDistances(distances, options);
    if (static_cast<int64_t>(clustering.models.size()) < request.k)
        throw Error("too few models have all their " + request.matrix +
                    " pairs computed to cluster; run `curves` first");

    ClusteringResult result;
    std::ostringstream id;
    id << request.matrix;
    if (isCurveMatrix(kind))
        id << "-" << dataset;
    id << "-k" << request.k;
    result.id = id.str();
    result.matrix = request.matrix;
    result.dataset = isCurveMatrix(kind) ? dataset : std::string();
    result.k = request.k;
    result.delta = clustering.delta;
    for (size_t i = 0; i < clustering.models.size(); ++i) {
        const int64_t model = compared[static_cast<size_t>(clustering.models[i])];
        result.models.push_back(study.models[static_cast<size_t>(model)].name);
        result.labels.push_back(clustering.labels[i]);
    }
    result.embedding = clustering.embedding;
    result.score = clustering.score;
    return result;
}

size_t storeClustering(Study& study, ClusteringResult clustering) {
    for (size_t c = 0; c < study.clusterings.size(); ++c)
        if (study.clusterings[c].id == clustering.id) {
            study.clusterings[c] = std::move(clustering);
            return c;
        }
    study.clusterings.push_back(std::move(clustering));
    return study.clusterings.size() - 1;
}

std::vector<std::string> modelColumns(const Study& study) {
    std::vector<std::string> columns;
    for (const DatasetEntry& d : study.datasets)
        for (const std::string& metric : evaluationColumns())
            columns.push_back(d.name + "." + metric);
    for (const DatasetEntry& d : study.datasets)
        for (const SharpnessResult& s : study.sharpness)
            if (s.dataset == d.name) {
                columns.push_back("sharpness." + d.name);
                break;
            }
    return columns;
}

std::vector<double> modelColumn(const Study& study, const std::string& column) {
    std::vector<double> values(study.models.size(), std::nan(""));
    const size_t dot = column.rfind('.');
    if (column.rfind("sharpness.", 0) == 0) {
        const std::string dataset = column.substr(10);
        for (const SharpnessResult& s : study.sharpness)
            if (s.dataset == dataset) {
                const int64_t m = study.modelIndex(s.model);
                if (m >= 0)
                    values[static_cast<size_t>(m)] = s.value;
            }
        return values;
    }
    if (dot != std::string::npos) {
        const std::string dataset = column.substr(0, dot);
        const std::string metric = column.substr(dot + 1);
        const auto found = study.evaluations.find(dataset);
        const bool loss = metric == kLossColumn;
        if (found != study.evaluations.end() && (loss || findMetric(metric))) {
            for (size_t m = 0; m < values.size() && m < found->second.size(); ++m)
                values[m] = loss ? found->second[m].loss : found->second[m].metric(metric);
            return values;
        }
    }
    std::string known;
    for (const std::string& c : modelColumns(study))
        known += (known.empty() ? "" : ", ") + c;
    throw Error("unknown model column '" + column + "'; columns: " + known);
}

Regression scoreRegression(const Study& study, const ClusteringResult& clustering,
                           const std::string& column) {
    if (clustering.score.size() != clustering.models.size())
        throw Error("the centroid score exists for k = 2 clusterings only");
    const std::vector<double> all = modelColumn(study, column);
    std::vector<double> y;
    for (const std::string& name : clustering.models) {
        const int64_t m = study.modelIndex(name);
        y.push_back(m >= 0 ? all[static_cast<size_t>(m)] : std::nan(""));
    }
    return linearRegression(clustering.score, y);
}

} // namespace bs
