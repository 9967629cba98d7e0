#include "core/zoo/zoo_study.h"

#include "core/analysis/clustering.h"
#include "core/common/error.h"
#include "core/zoo/zoo_builder.h"

#include <algorithm>
#include <cmath>

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
    const fs::path data = zoo / "data";
    const int64_t n = settings.samples;
    o.datasets.push_back(dataset("dev", DatasetRole::Surface, data / "dev.tsv", "mnli", "", n));
    o.datasets.push_back(
        dataset("dev-swaps", DatasetRole::Diagnostic, data / "dev_swaps.tsv", "mnli", "", n));
    const fs::path hans = data / "diagnostic.txt";
    o.datasets.push_back(
        dataset("hans", DatasetRole::Diagnostic, hans, "hans", "label=non-entailment", n));
    o.datasets.push_back(dataset("hans-lo", DatasetRole::Diagnostic, hans, "hans",
                                 "label=non-entailment,heuristic=lexical_overlap", n / 2));
    o.datasets.push_back(dataset("hans-sub", DatasetRole::Diagnostic, hans, "hans",
                                 "label=non-entailment,heuristic=subsequence", n / 2));
    o.points = settings.points;
    o.maxLength = 64;
    return o;
}

ClusteringResult clusterMatrix(const Study& study, const std::string& datasetName,
                               const std::string& matrix) {
    const auto it = study.matrices.find(datasetName);
    if (it == study.matrices.end())
        throw Error("no derived matrices for dataset '" + datasetName + "'; run curves first");
    const Matrix* m = nullptr;
    if (matrix == "cg")
        m = &it->second.convexityGap;
    else if (matrix == "peak_excess")
        m = &it->second.peakExcess;
    else
        throw Error("clusterMatrix: matrix must be cg or peak_excess, found '" + matrix + "'");
    ClusteringOptions options;
    options.clusters = 2;
    options.medianDelta = true;
    options.missing = MissingDistances::ExcludeModels;
    const Clustering c = clusterDistances(*m, options);
    ClusteringResult r;
    r.id = matrix + "-" + datasetName + "-k2";
    r.matrix = matrix;
    r.dataset = datasetName;
    r.k = 2;
    r.delta = c.delta;
    for (size_t i = 0; i < c.models.size(); ++i) {
        r.models.push_back(study.models[size_t(c.models[i])].name);
        r.labels.push_back(c.labels[i]);
    }
    r.embedding = c.embedding;
    r.score = c.score;
    return r;
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
