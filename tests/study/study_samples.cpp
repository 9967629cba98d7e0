#include "tests/study/study_samples.h"

#include <cmath>

namespace bs::test {

namespace {

bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i]))
            return false;
    return true;
}

bool same(const Matrix& a, const Matrix& b) {
    return a.rows == b.rows && a.cols == b.cols && same(a.values, b.values);
}

} // namespace

ModelEntry sampleModel(const std::string& name, int64_t step) {
    ModelEntry m;
    m.name = name;
    m.path = "/data/runs/" + name;
    m.family = "bert";
    m.parameterCount = 109484547;
    m.contentHash = "sha256:" + std::to_string(std::hash<std::string>{}(name));
    m.run = step >= 0 ? "seed-" + name : "";
    m.step = step;
    return m;
}

DatasetEntry sampleDataset(const std::string& name, DatasetRole role) {
    DatasetEntry d;
    d.name = name;
    d.role = role;
    d.source = "/data/glue/" + name + ".tsv";
    d.format = role == DatasetRole::Surface ? "mnli" : "hans";
    d.spec = d.source + ":" + d.format + ":samples=6,seed=3";
    d.labelNames = {"entailment", "neutral", "contradiction"};
    d.primaryMetric = role == DatasetRole::Surface ? "accuracy" : "mcc";
    d.sampleRows = {17, 3, 250001, 42, 0, 9};
    return d;
}

double sampleCurveValue(int64_t d, int64_t i, int64_t j, int64_t k) {
    // Irrational-looking values so that any float32 rounding or reordering would show.
    return 0.1 * static_cast<double>(d + 1) + std::sqrt(static_cast<double>(i * 7 + j * 3 + k)) / 3;
}

Study fullStudy(int64_t models, int64_t points) {
    Study s;
    s.points = points;
    s.maxLength = 96;
    s.modelLabelNames = {"entailment", "non-entailment"};
    const std::vector<std::string> names = {"bert-seed-0", "modèle-ß", "模型-2", "run/seed-3",
                                            "m4",          "m5",       "m6",     "m7"};
    for (int64_t i = 0; i < models; ++i)
        s.models.push_back(sampleModel(i < 8 ? names[i] : "m" + std::to_string(i), i * 1000 - 1));
    s.datasets.push_back(sampleDataset("snli", DatasetRole::Surface));
    s.datasets.push_back(sampleDataset("hans-lo", DatasetRole::Diagnostic));
    s.ensureShapes();

    for (int64_t d = 0; d < 2; ++d) {
        const std::string name = s.datasets[d].name;
        auto& evals = s.evaluations[name];
        for (int64_t i = 0; i + 1 < models; ++i) { // the last model stays not evaluated
            evals[i] = Evaluation{0.3 + 0.01 * i, 0.8 - 0.02 * i, 0.7, -0.05 * i, 6};
        }
        auto& curves = s.curves[name];
        for (int64_t i = 0; i < models; ++i)
            for (int64_t j = i + 1; j < models; ++j) {
                if ((i + j) % 3 == 2)
                    continue; // a pair not computed yet
                std::vector<double> loss, metric;
                for (int64_t k = 0; k < points; ++k) {
                    loss.push_back(sampleCurveValue(d, i, j, k));
                    metric.push_back(1.0 - sampleCurveValue(d, i, j, k) / 4);
                }
                if (i == 0 && j == 1)
                    metric[1] = kNaN; // a metric that could not be computed (e.g. MCC undefined)
                curves.setPair(i, j, loss, metric);
            }
        auto& m = s.matrices[name];
        for (int64_t i = 0; i < models; ++i)
            for (int64_t j = 0; j < models; ++j)
                if (i != j && (i + j) % 3 != 2) {
                    m.barrierHeight.at(i, j) = 0.01 * (i + j) + d;
                    m.convexityGap.at(i, j) = -0.003 * (i * j) - d;
                    m.peakExcess.at(i, j) = 1e-300 * (i + 1);
                    m.auc.at(i, j) = 1.0 / 3.0 + i - j;
                }
    }
    for (int64_t i = 0; i < models; ++i)
        for (int64_t j = 0; j < models; ++j)
            s.distance.at(i, j) = i == j ? 0.0 : 12.5 + std::abs(static_cast<double>(i - j)) / 7;

    if (models >= 3) {
        PlaneResult plane;
        plane.id = "plane-0";
        plane.models = {s.models[0].name, s.models[1].name, s.models[2].name};
        plane.dataset = "hans-lo";
        plane.resolution = 3;
        plane.margin = 0.25;
        plane.xMin = -0.25, plane.xMax = 1.25, plane.yMin = -0.3, plane.yMax = 1.1;
        plane.modelX = {0.0, 1.0, 0.4};
        plane.modelY = {0.0, 0.0, 0.8};
        plane.loss = {0.5, 0.6, 0.7, 0.55, 0.65, 0.75, kNaN, kNaN, kNaN};
        plane.metric = {0.9, 0.8, 0.7, 0.85, 0.75, 0.65, kNaN, kNaN, kNaN};
        plane.rowsDone = 2;
        s.planes.push_back(plane);
        PlaneResult second = plane;
        second.id = "a-plane"; // sorts before "plane-0": order must survive
        second.dataset = "snli";
        second.rowsDone = 0;
        second.loss.assign(9, kNaN);
        second.metric.assign(9, kNaN);
        s.planes.push_back(second);
    }

    ClusteringResult c;
    c.id = "cg-snli-k2";
    c.matrix = "cg";
    c.dataset = "snli";
    c.k = 2;
    c.delta = 0.5;
    for (const auto& m : s.models)
        c.models.push_back(m.name);
    for (int64_t i = 0; i < models; ++i)
        c.labels.push_back(i % 2);
    c.embedding = Matrix::filled(models, 2, 0.0);
    for (int64_t i = 0; i < models; ++i)
        c.embedding.at(i, 1) = 0.25 * i - 0.5;
    c.score.assign(static_cast<size_t>(models), 0.125);
    c.score[0] = kNaN;
    s.clusterings.push_back(c);
    ClusteringResult byDistance;
    byDistance.id = "distance-k3";
    byDistance.matrix = "distance";
    byDistance.k = 3;
    byDistance.models = {s.models[0].name};
    byDistance.labels = {0};
    s.clusterings.push_back(byDistance); // empty embedding and score

    s.sharpness.push_back(SharpnessResult{s.models[1].name, "snli", 1e-3, 20, 0.0421});
    s.sharpness.push_back(SharpnessResult{s.models[0].name, "hans-lo", 5e-4, 10, kNaN});
    return s;
}

Study denseStudy(int64_t models, int64_t points, int64_t datasets) {
    Study s;
    s.points = points;
    for (int64_t i = 0; i < models; ++i)
        s.models.push_back(sampleModel("seed-" + std::to_string(i), i));
    for (int64_t d = 0; d < datasets; ++d)
        s.datasets.push_back(sampleDataset(
            "set-" + std::to_string(d), d == 0 ? DatasetRole::Surface : DatasetRole::Diagnostic));
    s.ensureShapes();
    for (int64_t d = 0; d < datasets; ++d) {
        const std::string name = s.datasets[d].name;
        // Every pair i < j, mirrored, as computations store them (the diagonal stays NaN).
        auto& curves = s.curves[name];
        for (int64_t i = 0; i < models; ++i)
            for (int64_t j = i + 1; j < models; ++j) {
                std::vector<double> loss, metric;
                for (int64_t k = 0; k < points; ++k) {
                    const auto x = static_cast<double>(curves.index(i, j, k) + d);
                    loss.push_back(0.5 + std::sin(x));
                    metric.push_back(0.5 + std::cos(x));
                }
                curves.setPair(i, j, loss, metric);
            }
        for (auto& e : s.evaluations[name])
            e = Evaluation{0.4, 0.8, 0.75, 0.6, 1000};
        auto& m = s.matrices[name];
        for (Matrix* matrix : {&m.barrierHeight, &m.convexityGap, &m.peakExcess, &m.auc})
            for (size_t x = 0; x < matrix->values.size(); ++x)
                matrix->values[x] = std::sqrt(static_cast<double>(x + d));
    }
    for (size_t x = 0; x < s.distance.values.size(); ++x)
        s.distance.values[x] = std::log1p(static_cast<double>(x));
    return s;
}

std::string studyDifference(const Study& a, const Study& b) {
    if (a.points != b.points)
        return "points";
    if (a.maxLength != b.maxLength)
        return "maxLength";
    if (a.modelLabelNames != b.modelLabelNames)
        return "modelLabelNames";
    if (a.precision != b.precision)
        return "precision";
    if (a.models.size() != b.models.size())
        return "model count";
    for (size_t i = 0; i < a.models.size(); ++i) {
        const auto &x = a.models[i], &y = b.models[i];
        if (x.name != y.name || x.path != y.path || x.family != y.family ||
            x.parameterCount != y.parameterCount || x.contentHash != y.contentHash ||
            x.run != y.run || x.step != y.step)
            return "model " + std::to_string(i);
    }
    if (a.datasets.size() != b.datasets.size())
        return "dataset count";
    for (size_t i = 0; i < a.datasets.size(); ++i) {
        const auto &x = a.datasets[i], &y = b.datasets[i];
        if (x.name != y.name || x.role != y.role || x.spec != y.spec || x.source != y.source ||
            x.format != y.format || x.labelNames != y.labelNames ||
            x.primaryMetric != y.primaryMetric || x.sampleRows != y.sampleRows)
            return "dataset " + std::to_string(i);
    }
    if (a.evaluations.size() != b.evaluations.size())
        return "evaluation sets";
    for (const auto& [name, evals] : a.evaluations) {
        if (!b.evaluations.count(name) || b.evaluations.at(name).size() != evals.size())
            return "evaluations of " + name;
        for (size_t i = 0; i < evals.size(); ++i) {
            const auto &x = evals[i], &y = b.evaluations.at(name)[i];
            if (!same(x.loss, y.loss) || !same(x.accuracy, y.accuracy) || !same(x.f1, y.f1) ||
                !same(x.mcc, y.mcc) || x.examples != y.examples)
                return "evaluation " + name + "/" + std::to_string(i);
        }
    }
    if (a.curves.size() != b.curves.size())
        return "curve sets";
    for (const auto& [name, c] : a.curves) {
        if (!b.curves.count(name))
            return "curves of " + name;
        const auto& d = b.curves.at(name);
        if (c.models != d.models || c.points != d.points || !same(c.loss, d.loss) ||
            !same(c.metric, d.metric))
            return "curves of " + name;
    }
    if (a.matrices.size() != b.matrices.size())
        return "matrix sets";
    for (const auto& [name, m] : a.matrices) {
        if (!b.matrices.count(name))
            return "matrices of " + name;
        const auto& n = b.matrices.at(name);
        if (!same(m.barrierHeight, n.barrierHeight) || !same(m.convexityGap, n.convexityGap) ||
            !same(m.peakExcess, n.peakExcess) || !same(m.auc, n.auc))
            return "matrices of " + name;
    }
    if (!same(a.distance, b.distance))
        return "distance";
    if (a.planes.size() != b.planes.size())
        return "plane count";
    for (size_t i = 0; i < a.planes.size(); ++i) {
        const auto &x = a.planes[i], &y = b.planes[i];
        if (x.id != y.id || x.models != y.models || x.dataset != y.dataset ||
            x.resolution != y.resolution || !same(x.margin, y.margin) || !same(x.xMin, y.xMin) ||
            !same(x.xMax, y.xMax) || !same(x.yMin, y.yMin) || !same(x.yMax, y.yMax) ||
            !same(x.modelX, y.modelX) || !same(x.modelY, y.modelY) || !same(x.loss, y.loss) ||
            !same(x.metric, y.metric) || x.rowsDone != y.rowsDone)
            return "plane " + x.id;
    }
    if (a.clusterings.size() != b.clusterings.size())
        return "clustering count";
    for (size_t i = 0; i < a.clusterings.size(); ++i) {
        const auto &x = a.clusterings[i], &y = b.clusterings[i];
        if (x.id != y.id || x.matrix != y.matrix || x.dataset != y.dataset || x.k != y.k ||
            !same(x.delta, y.delta) || x.models != y.models || x.labels != y.labels ||
            !same(x.embedding, y.embedding) || !same(x.score, y.score))
            return "clustering " + x.id;
    }
    if (a.sharpness.size() != b.sharpness.size())
        return "sharpness count";
    for (size_t i = 0; i < a.sharpness.size(); ++i) {
        const auto &x = a.sharpness[i], &y = b.sharpness[i];
        if (x.model != y.model || x.dataset != y.dataset || !same(x.epsilon, y.epsilon) ||
            x.steps != y.steps || !same(x.value, y.value))
            return "sharpness " + std::to_string(i);
    }
    return {};
}

} // namespace bs::test
