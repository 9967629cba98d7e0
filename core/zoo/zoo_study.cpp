#include "core/zoo/zoo_study.h"

#include "core/analysis/clustering.h"
#include "core/common/error.h"
#include "core/jobs/cluster_job.h"
#include "core/zoo/zoo_builder.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace bs::zoo {

namespace fs = std::filesystem;

namespace {

double median(std::vector<double> v) {
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
}

NamedDatasetSpec dataset(const std::string& name, DatasetRole role, const fs::path& file,
                         const std::string& format, const std::string& filters, int64_t samples) {
    std::string text = name + "=" + file.string() + ":" + format + ":";
    if (!filters.empty())
        text += filters + ",";
    text += "samples=" + std::to_string(samples) + ",sampling=random,seed=1";
    return parseNamedDatasetSpec(text, role);
}

} // namespace

NewStudyOptions demoStudyOptions(const fs::path& zoo, const DemoStudySettings& settings) {
    NewStudyOptions o;
    for (const fs::path& p : zooModelFolders(zoo))
        o.models.push_back(p.string());
    for (int64_t step : settings.checkpointSteps)
        for (const fs::path& p : zooModelFolders(zoo))
            o.models.push_back((p / ("checkpoint-" + std::to_string(step))).string());
    const fs::path data = zoo / "data";
    const int64_t n = settings.samples;
    o.datasets.push_back(dataset("dev", DatasetRole::Surface, data / "dev.tsv", "cola", "", n));
    o.datasets.push_back(dataset("cue-conflicts", DatasetRole::Diagnostic,
                                 data / "cue_conflicts.tsv", "cola", "", n));
    o.datasets.push_back(
        dataset("no-cue", DatasetRole::Diagnostic, data / "no_cue.tsv", "cola", "", n));
    o.points = settings.points;
    o.maxLength = kDemoMaxLength;
    return o;
}

std::vector<ModelPair> demoPairs(const Study& study) {
    std::map<int64_t, std::vector<int64_t>> byStep; // -1: final models
    for (size_t i = 0; i < study.models.size(); ++i)
        byStep[study.models[i].step].push_back(static_cast<int64_t>(i));
    std::vector<ModelPair> pairs;
    for (const auto& [step, models] : byStep)
        for (size_t a = 0; a < models.size(); ++a)
            for (size_t b = a + 1; b < models.size(); ++b)
                pairs.push_back({models[a], models[b]});
    return pairs;
}

std::array<std::string, 3>
planeAcrossClusters(const Study& study, const ClusteringResult& clustering, const Matrix& matrix) {
    std::map<std::string, int64_t> index;
    for (size_t i = 0; i < study.models.size(); ++i)
        index[study.models[i].name] = static_cast<int64_t>(i);
    const auto value = [&](size_t a, size_t b) {
        return matrix(index.at(clustering.models[a]), index.at(clustering.models[b]));
    };
    const size_t n = clustering.models.size();
    double best = -1.0;
    size_t origin = n, axis = n;
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < n; ++b)
            if (clustering.labels[a] != clustering.labels[b] && std::isfinite(value(a, b)) &&
                value(a, b) > best && clustering.labels[a] == clustering.labels.front()) {
                best = value(a, b);
                origin = a;
                axis = b;
            }
    if (origin == n)
        throw Error("planeAcrossClusters: the clustering '" + clustering.id +
                    "' has no computed pair across its clusters");
    double farthest = -1.0;
    size_t third = n;
    for (size_t c = 0; c < n; ++c)
        if (c != origin && clustering.labels[c] == clustering.labels[origin] &&
            std::isfinite(value(origin, c)) && value(origin, c) > farthest) {
            farthest = value(origin, c);
            third = c;
        }
    if (third == n)
        throw Error("planeAcrossClusters: a cluster of '" + clustering.id +
                    "' has a single model; a plane across both needs two in one of them");
    return {clustering.models[origin], clustering.models[axis], clustering.models[third]};
}

ClusteringResult clusterMatrix(const Study& study, const std::string& datasetName,
                               MatrixKind matrix) {
    if (!isCurveMatrix(matrix))
        throw Error("clusterMatrix: the matrix must be derived from curves, found " +
                    matrixId(matrix));
    ClusterRequest request;
    request.matrix = matrixId(matrix);
    request.dataset = datasetName;
    request.k = 2;
    request.medianDelta = true;
    return clusterModels(study, request);
}

GroupContrast contrastGroups(const Matrix& m, const std::vector<int>& group) {
    if (!m.isSquare() || m.rows != static_cast<int64_t>(group.size()))
        throw Error("contrastGroups: the matrix must be square with one group per model");
    std::vector<double> within, across;
    for (int64_t i = 0; i < m.rows; ++i)
        for (int64_t j = i + 1; j < m.cols; ++j) {
            const double v = m(i, j);
            if (!std::isfinite(v))
                continue;
            (group[size_t(i)] == group[size_t(j)] ? within : across).push_back(v);
        }
    GroupContrast g;
    g.withinPairs = static_cast<int64_t>(within.size());
    g.acrossPairs = static_cast<int64_t>(across.size());
    if (!within.empty())
        g.withinMax = *std::max_element(within.begin(), within.end());
    if (!across.empty())
        g.acrossMin = *std::min_element(across.begin(), across.end());
    g.within = median(std::move(within));
    g.across = median(std::move(across));
    return g;
}

} // namespace bs::zoo
