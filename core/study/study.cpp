#include "core/study/study.h"

#include "core/common/error.h"
#include "core/common/matrix_kind.h"
#include "core/common/metric.h"
#include "core/study/curve_store.h"
#include "core/study/hessian_store.h"

#include <set>

namespace bs {

namespace {

std::string inQuotes(const std::string& s) {
    return "'" + s + "'";
}

bool isNaN(double v) {
    return std::isnan(v);
}

bool matrixHasShape(const Matrix& m, int64_t rows, int64_t cols) {
    return m.rows == rows && m.cols == cols && m.values.size() == static_cast<size_t>(rows * cols);
}

bool curveSetHasShape(const CurveSet& c, int64_t models, int64_t points) {
    const auto size = static_cast<size_t>(models * models * points);
    return c.models == models && c.points == points && c.loss.size() == size &&
           c.metric.size() == size;
}

void checkModels(const std::vector<ModelEntry>& models) {
    std::set<std::string> seen;
    for (size_t i = 0; i < models.size(); ++i) {
        const auto& name = models[i].name;
        if (name.empty())
            throw Error("model " + std::to_string(i + 1) + " (" + models[i].path +
                        ") has an empty name; every model needs a unique name");
        if (!seen.insert(name).second)
            throw Error("two models are named " + inQuotes(name) +
                        "; model names must be unique (rename one)");
    }
}

void checkDatasets(const std::vector<DatasetEntry>& datasets) {
    std::set<std::string> seen;
    std::string surface;
    for (const auto& d : datasets) {
        if (!isValidGroupName(d.name))
            throw Error("dataset name " + inQuotes(d.name) +
                        " is not allowed; use letters, digits, '.', '_' and '-' only");
        if (!seen.insert(d.name).second)
            throw Error("two datasets are named " + inQuotes(d.name) +
                        "; dataset names must be unique");
        if (!findMetric(d.primaryMetric))
            throw Error("dataset " + inQuotes(d.name) + ": primary metric must be " +
                        metricIdList() + ", found " + inQuotes(d.primaryMetric));
        if (d.role == DatasetRole::Surface) {
            if (!surface.empty())
                throw Error("datasets " + inQuotes(surface) + " and " + inQuotes(d.name) +
                            " both have role surface; a study has one surface dataset");
            surface = d.name;
        }
    }
}

// Rows, labels or source differ: results computed on the old definition do not apply.
bool datasetChanged(const DatasetEntry& a, const DatasetEntry& b) {
    if (a.source != b.source || a.format != b.format || a.spec != b.spec)
        return true;
    if (!a.labelNames.empty() && !b.labelNames.empty() && a.labelNames != b.labelNames)
        return true;
    if (!a.sampleRows.empty() && !b.sampleRows.empty() && a.sampleRows != b.sampleRows)
        return true;
    return false;
}

// Copies the [N, N] cells of `old` whose models both survive, by new -> old index map.
Matrix remapMatrix(const Matrix& old, const std::vector<int64_t>& from) {
    const auto n = static_cast<int64_t>(from.size());
    Matrix out = Matrix::filled(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            if (from[i] >= 0 && from[j] >= 0)
                out.at(i, j) = old.at(from[i], from[j]);
    return out;
}

} // namespace

CurveSet CurveSet::empty(int64_t models, int64_t points) {
    const auto size = static_cast<size_t>(models * models * points);
    return CurveSet{models, points, std::vector<double>(size, kNaN),
                    std::vector<double>(size, kNaN)};
}

bool CurveSet::hasPair(int64_t i, int64_t j) const {
    if (i < 0 || j < 0 || i >= models || j >= models || points == 0)
        return false;
    for (int64_t k = 0; k < points; ++k)
        if (isNaN(loss[index(i, j, k)]))
            return false;
    return true;
}

std::vector<double> CurveSet::lossCurve(int64_t i, int64_t j) const {
    const auto* begin = loss.data() + index(i, j, 0);
    return std::vector<double>(begin, begin + points);
}

std::vector<double> CurveSet::metricCurve(int64_t i, int64_t j) const {
    const auto* begin = metric.data() + index(i, j, 0);
    return std::vector<double>(begin, begin + points);
}

void CurveSet::setPair(int64_t i, int64_t j, const std::vector<double>& lossValues,
                       const std::vector<double>& metricValues) {
    if (i < 0 || j < 0 || i >= models || j >= models)
        throw Error("curve pair (" + std::to_string(i) + ", " + std::to_string(j) +
                    ") is outside the study's " + std::to_string(models) + " models");
    if (static_cast<int64_t>(lossValues.size()) != points ||
        static_cast<int64_t>(metricValues.size()) != points)
        throw Error("curve of pair (" + std::to_string(i) + ", " + std::to_string(j) + ") has " +
                    std::to_string(lossValues.size()) + " loss and " +
                    std::to_string(metricValues.size()) + " metric values, expected " +
                    std::to_string(points));
    for (int64_t k = 0; k < points; ++k) {
        loss[index(i, j, k)] = lossValues[k];
        metric[index(i, j, k)] = metricValues[k];
        loss[index(j, i, points - 1 - k)] = lossValues[k];
        metric[index(j, i, points - 1 - k)] = metricValues[k];
    }
}

int64_t Study::modelIndex(const std::string& name) const {
    for (size_t i = 0; i < models.size(); ++i)
        if (models[i].name == name)
            return static_cast<int64_t>(i);
    return -1;
}

int64_t Study::datasetIndex(const std::string& name) const {
    for (size_t i = 0; i < datasets.size(); ++i)
        if (datasets[i].name == name)
            return static_cast<int64_t>(i);
    return -1;
}

const DatasetEntry* Study::surfaceDataset() const {
    for (const auto& d : datasets)
        if (d.role == DatasetRole::Surface)
            return &d;
    return nullptr;
}

void Study::ensureShapes() {
    const auto n = static_cast<int64_t>(models.size());
    std::set<std::string> names;
    for (const auto& d : datasets)
        names.insert(d.name);
    std::erase_if(evaluations, [&](const auto& e) { return !names.count(e.first); });
    std::erase_if(curves, [&](const auto& e) { return !names.count(e.first); });
    std::erase_if(matrices, [&](const auto& e) { return !names.count(e.first); });

    for (const auto& d : datasets) {
        auto& evals = evaluations[d.name];
        if (static_cast<int64_t>(evals.size()) != n)
            evals.assign(static_cast<size_t>(n), Evaluation{});
        auto& curveSet = curves[d.name];
        if (!curveSetHasShape(curveSet, n, points))
            curveSet = CurveSet::empty(n, points);
        auto& m = matrices[d.name];
        for (Matrix* matrix : {&m.barrierHeight, &m.convexityGap, &m.peakExcess, &m.auc})
            if (!matrixHasShape(*matrix, n, n))
                *matrix = Matrix::filled(n, n);
    }
    if (!matrixHasShape(distance, n, n))
        distance = Matrix::filled(n, n);
}

void Study::setModels(std::vector<ModelEntry> newModels) {
    checkModels(newModels);
    ensureShapes();

    // from[new index] = old index whose results carry over, or -1.
    std::vector<int64_t> from(newModels.size(), -1);
    std::set<std::string> kept;
    for (size_t i = 0; i < newModels.size(); ++i) {
        const int64_t old = modelIndex(newModels[i].name);
        if (old < 0)
            continue;
        const auto& oldHash = models[static_cast<size_t>(old)].contentHash;
        const auto& newHash = newModels[i].contentHash;
        if (!oldHash.empty() && !newHash.empty() && oldHash != newHash)
            continue;
        from[i] = old;
        kept.insert(newModels[i].name);
    }
    const auto n = static_cast<int64_t>(newModels.size());

    for (auto& [name, evals] : evaluations) {
        std::vector<Evaluation> out(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            if (from[i] >= 0)
                out[i] = evals[from[i]];
        evals = std::move(out);
    }
    for (auto& [name, old] : curves) {
        CurveSet out = CurveSet::empty(n, points);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j)
                if (from[i] >= 0 && from[j] >= 0)
                    for (int64_t k = 0; k < points; ++k) {
                        out.loss[out.index(i, j, k)] = old.loss[old.index(from[i], from[j], k)];
                        out.metric[out.index(i, j, k)] = old.metric[old.index(from[i], from[j], k)];
                    }
        old = std::move(out);
    }
    for (auto& [name, m] : matrices)
        for (Matrix* matrix : {&m.barrierHeight, &m.convexityGap, &m.peakExcess, &m.auc})
            *matrix = remapMatrix(*matrix, from);
    distance = remapMatrix(distance, from);

    auto allKept = [&](const std::vector<std::string>& names) {
        for (const auto& name : names)
            if (!kept.count(name))
                return false;
        return true;
    };
    std::erase_if(planes, [&](const PlaneResult& p) { return !allKept(planeDependencies(p)); });
    std::erase_if(clusterings, [&](const ClusteringResult& c) { return !allKept(c.models); });
    std::erase_if(sharpness, [&](const SharpnessResult& s) { return !kept.count(s.model); });
    std::erase_if(hessians, [&](const HessianResult& h) { return !kept.count(h.model); });
    std::erase_if(trainedCurves, [&](const TrainedCurve& c) {
        return !kept.count(c.first) || !kept.count(c.second);
    });
    models = std::move(newModels);
}

void Study::setDatasets(std::vector<DatasetEntry> newDatasets) {
    checkDatasets(newDatasets);
    std::set<std::string> kept;
    for (const auto& d : newDatasets) {
        const int64_t old = datasetIndex(d.name);
        if (old >= 0 && !datasetChanged(datasets[static_cast<size_t>(old)], d))
            kept.insert(d.name);
    }
    auto dropped = [&](const std::string& name) {
        return !kept.count(name);
    };
    std::erase_if(evaluations, [&](const auto& e) { return dropped(e.first); });
    std::erase_if(curves, [&](const auto& e) { return dropped(e.first); });
    std::erase_if(matrices, [&](const auto& e) { return dropped(e.first); });
    std::erase_if(planes, [&](const PlaneResult& p) { return dropped(p.dataset); });
    std::erase_if(clusterings, [&](const ClusteringResult& c) {
        return c.matrix != matrixId(MatrixKind::Distance) && dropped(c.dataset);
    });
    std::erase_if(sharpness, [&](const SharpnessResult& s) { return dropped(s.dataset); });
    std::erase_if(hessians, [&](const HessianResult& h) { return dropped(h.dataset); });
    for (TrainedCurve& c : trainedCurves)
        std::erase_if(c.datasets, [&](const CurveComparison& d) { return dropped(d.dataset); });
    datasets = std::move(newDatasets);
    ensureShapes();
}

void Study::validate() const {
    if (points < 2)
        throw Error("a study needs at least 2 points per curve, found " + std::to_string(points));
    checkModels(models);
    checkDatasets(datasets);
    const auto n = static_cast<int64_t>(models.size());
    const std::string nText = std::to_string(n);
    auto knownDataset = [&](const std::string& name) {
        return datasetIndex(name) >= 0;
    };
    auto knownModels = [&](const std::vector<std::string>& names) -> std::string {
        for (const auto& name : names)
            if (modelIndex(name) < 0)
                return name;
        return {};
    };

    for (const auto& [name, evals] : evaluations) {
        if (!knownDataset(name))
            throw Error("evaluations of unknown dataset " + inQuotes(name));
        if (static_cast<int64_t>(evals.size()) != n && !evals.empty())
            throw Error("evaluations of " + inQuotes(name) + " have " +
                        std::to_string(evals.size()) + " models, the study has " + nText);
    }
    for (const auto& [name, c] : curves) {
        if (!knownDataset(name))
            throw Error("curves of unknown dataset " + inQuotes(name));
        if (!curveSetHasShape(c, n, points) && !(c.loss.empty() && c.metric.empty()))
            throw Error("curves of " + inQuotes(name) + " are [" + std::to_string(c.models) + ", " +
                        std::to_string(c.models) + ", " + std::to_string(c.points) +
                        "], expected [" + nText + ", " + nText + ", " + std::to_string(points) +
                        "]");
    }
    for (const auto& [name, m] : matrices) {
        if (!knownDataset(name))
            throw Error("matrices of unknown dataset " + inQuotes(name));
        for (const Matrix* matrix : {&m.barrierHeight, &m.convexityGap, &m.peakExcess, &m.auc})
            if (!matrixHasShape(*matrix, n, n) && !matrix->empty())
                throw Error("a matrix of " + inQuotes(name) + " is [" +
                            std::to_string(matrix->rows) + ", " + std::to_string(matrix->cols) +
                            "], expected [" + nText + ", " + nText + "]");
    }
    if (!matrixHasShape(distance, n, n) && !distance.empty())
        throw Error("the distance matrix is [" + std::to_string(distance.rows) + ", " +
                    std::to_string(distance.cols) + "], expected [" + nText + ", " + nText + "]");

    std::set<std::string> ids;
    for (const auto& p : planes) {
        const std::string what = "plane " + inQuotes(p.id);
        if (!isValidGroupName(p.id))
            throw Error(what + ": the id must use letters, digits, '.', '_' and '-' only");
        if (!ids.insert("plane/" + p.id).second)
            throw Error(what + " appears twice; plane ids must be unique");
        if (p.models.size() != 3 || p.modelX.size() != 3 || p.modelY.size() != 3)
            throw Error(what + " needs three models with plane coordinates, found " +
                        std::to_string(p.models.size()));
        if (p.directions && (p.models[0].empty() || !p.models[1].empty() || !p.models[2].empty() ||
                             p.resolution % 2 == 0))
            throw Error(what + " is a direction surface: it needs one centre model and an odd "
                               "resolution");
        if (p.trajectory && (p.models[0].empty() || !p.models[1].empty() || !p.models[2].empty() ||
                             p.trajectory->x.size() != p.trajectory->models.size() ||
                             p.trajectory->y.size() != p.trajectory->models.size()))
            throw Error(what + " is a trajectory surface: it needs the final model as its centre "
                               "and coordinates for every checkpoint");
        if (auto unknown = knownModels(planeDependencies(p)); !unknown.empty())
            throw Error(what + " mentions unknown model " + inQuotes(unknown));
        if (!knownDataset(p.dataset))
            throw Error(what + " mentions unknown dataset " + inQuotes(p.dataset));
        const auto cells = static_cast<size_t>(p.resolution * p.resolution);
        if (p.resolution < 0 || p.loss.size() != cells || p.metric.size() != cells)
            throw Error(what + " has " + std::to_string(p.loss.size()) + " loss values, expected " +
                        std::to_string(p.resolution) + " x " + std::to_string(p.resolution));
        if (p.rowsDone < 0 || p.rowsDone > p.resolution)
            throw Error(what + ": rows done " + std::to_string(p.rowsDone) + " is outside 0.." +
                        std::to_string(p.resolution));
    }
    for (const auto& c : clusterings) {
        const std::string what = "clustering " + inQuotes(c.id);
        if (!isValidGroupName(c.id))
            throw Error(what + ": the id must use letters, digits, '.', '_' and '-' only");
        if (!ids.insert("clustering/" + c.id).second)
            throw Error(what + " appears twice; clustering ids must be unique");
        if (auto unknown = knownModels(c.models); !unknown.empty())
            throw Error(what + " mentions unknown model " + inQuotes(unknown));
        if (!c.dataset.empty() && !knownDataset(c.dataset))
            throw Error(what + " mentions unknown dataset " + inQuotes(c.dataset));
        const auto count = c.models.size();
        if (c.labels.size() != count)
            throw Error(what + " has " + std::to_string(c.labels.size()) + " labels for " +
                        std::to_string(count) + " models");
        if (!c.embedding.empty() &&
            (c.embedding.rows != static_cast<int64_t>(count) ||
             !matrixHasShape(c.embedding, c.embedding.rows, c.embedding.cols)))
            throw Error(what + " has an embedding of " + std::to_string(c.embedding.rows) +
                        " rows for " + std::to_string(count) + " models");
        if (!c.score.empty() && c.score.size() != count)
            throw Error(what + " has " + std::to_string(c.score.size()) + " scores for " +
                        std::to_string(count) + " models");
    }
    for (const auto& s : sharpness) {
        if (modelIndex(s.model) < 0)
            throw Error("sharpness mentions unknown model " + inQuotes(s.model));
        if (!knownDataset(s.dataset))
            throw Error("sharpness of " + inQuotes(s.model) + " mentions unknown dataset " +
                        inQuotes(s.dataset));
    }
    validateHessians(*this);
    validateTrainedCurves(*this);
}

std::vector<int64_t> connectivityModels(const Study& study) {
    std::vector<int64_t> finals, all;
    for (size_t i = 0; i < study.models.size(); ++i) {
        all.push_back(static_cast<int64_t>(i));
        if (study.models[i].step < 0)
            finals.push_back(static_cast<int64_t>(i));
    }
    return finals.empty() ? all : finals;
}

std::vector<std::string> planeModels(const PlaneResult& plane) {
    if ((plane.directions || plane.trajectory) && !plane.models.empty())
        return {plane.models[0]};
    return plane.models;
}

std::vector<std::string> planeDependencies(const PlaneResult& plane) {
    std::vector<std::string> names = planeModels(plane);
    if (plane.trajectory)
        names.insert(names.end(), plane.trajectory->models.begin(), plane.trajectory->models.end());
    return names;
}

int64_t completePlaneRows(const PlaneResult& plane) {
    const int64_t r = plane.resolution;
    for (int64_t row = 0; row < r; ++row)
        for (int64_t column = 0; column < r; ++column)
            if (std::isnan(plane.loss[static_cast<size_t>(row * r + column)]))
                return row;
    return r;
}

int64_t pairCount(int64_t models) {
    return models < 2 ? 0 : models * (models - 1) / 2;
}

int64_t pairRow(int64_t i, int64_t j, int64_t models) {
    // Rows before row i of the triangle hold (N-1) + (N-2) + ... + (N-i) pairs.
    return i * (2 * models - i - 1) / 2 + (j - i - 1);
}

std::vector<double> curveAlphas(int64_t points) {
    if (points < 2)
        throw Error("a curve needs at least 2 points, found " + std::to_string(points));
    std::vector<double> alphas(static_cast<size_t>(points));
    for (int64_t k = 0; k < points; ++k)
        alphas[k] = static_cast<double>(k) / static_cast<double>(points - 1);
    return alphas;
}

const char* roleName(DatasetRole role) {
    return role == DatasetRole::Surface ? "surface" : "diagnostic";
}

DatasetRole parseRole(const std::string& name) {
    if (name == "surface")
        return DatasetRole::Surface;
    if (name == "diagnostic")
        return DatasetRole::Diagnostic;
    throw Error("dataset role must be 'surface' or 'diagnostic', found " + inQuotes(name));
}

bool isValidGroupName(const std::string& name) {
    if (name.empty() || name.find_first_not_of('.') == std::string::npos)
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace bs
