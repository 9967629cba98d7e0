#pragma once
// Study: the document a user computes and explores (models, datasets, results).

#include "core/analysis/matrix.h"
#include "core/common/matrix_kind.h"
#include "core/landscape/direction_options.h"
#include "core/landscape/evaluation.h"
#include "core/landscape/trajectory_axes.h"
#include "core/study/hessian_result.h"
#include "core/study/trained_curve.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bs {

// A checkpoint folder taking part in the study.
struct ModelEntry {
    std::string name;   // unique, user-facing; defaults to the folder name
    std::string path;   // checkpoint folder (absolute)
    std::string family; // "bert", "roberta", "distilbert"
    int64_t parameterCount = 0;
    std::string contentHash; // hex digest of the parameters; detects a checkpoint changed under us
    std::string run;         // training-dynamics tag, e.g. "seed-3" (may be empty)
    int64_t step = -1;       // training step of this checkpoint, -1 when unknown
};

enum class DatasetRole { Surface, Diagnostic };

// An evaluation set: where it came from and exactly which rows are used.
struct DatasetEntry {
    std::string name; // group name in the file: [A-Za-z0-9._-]+, e.g. "mnli", "hans-lo"
    DatasetRole role = DatasetRole::Diagnostic;
    std::string spec;   // the dataset spec string (file:format:options), see docs/datasets.md
    std::string source; // file path (absolute)
    std::string format; // mnli, qqp, cola, hans, paws, jsonl, csv
    std::vector<std::string> labelNames;
    std::string primaryMetric;       // accuracy, f1 or mcc
    std::vector<int64_t> sampleRows; // source rows used, in evaluation order
};

// Interpolation curves of one dataset for every pair: [N, N, P], NaN where not computed.
// Entry (i, j, k) is the point at alpha_k = k / (P - 1) from model i (alpha 0) to model j.
// Only i < j is computed; (j, i) is stored mirrored (the same curve reversed, since alpha runs
// from j to i) so that either order can be read.
struct CurveSet {
    int64_t models = 0;
    int64_t points = 0;
    std::vector<double> loss;   // size models * models * points
    std::vector<double> metric; // the dataset's primary metric, same layout

    static CurveSet empty(int64_t models, int64_t points);
    size_t index(int64_t i, int64_t j, int64_t k) const {
        return (static_cast<size_t>(i) * models + j) * points + k;
    }
    bool hasPair(int64_t i, int64_t j) const; // every point present
    std::vector<double> lossCurve(int64_t i, int64_t j) const;
    std::vector<double> metricCurve(int64_t i, int64_t j) const;
    // Stores a curve for (i, j) and its mirror (j, i); bs::Error unless both have `points` values.
    void setPair(int64_t i, int64_t j, const std::vector<double>& loss,
                 const std::vector<double>& metric);
};

// Matrices derived from the curves of one dataset (all [N, N], NaN where missing).
struct DerivedMatrices {
    Matrix barrierHeight;
    Matrix convexityGap;
    Matrix peakExcess;
    Matrix auc;
    // The matrix of a kind derived from curves; throws for MatrixKind::Distance, which is
    // Study::distance.
    Matrix& of(MatrixKind kind);
    const Matrix& of(MatrixKind kind) const;
};

// A loss plane through three models (issue: planes). Grid values are [R, R] row-major,
// row = second plane axis; rowsDone counts the completed rows (resumable).
struct PlaneResult {
    std::string id;                  // group name, e.g. "plane-0"
    std::vector<std::string> models; // three model names: origin, first axis, third
    std::string dataset;
    int64_t resolution = 0;
    double margin = 0.25;
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0; // plane coordinates of the grid
    std::vector<double> modelX, modelY;            // the three models in plane coordinates
    std::vector<double> loss, metric;              // R * R, NaN where not computed
    // The plane evaluated at the three models' exact coordinates (they rarely fall on grid
    // nodes): equals the models' own evaluations up to float rounding.
    std::vector<double> modelLoss, modelMetric;
    int64_t rowsDone = 0;
    // Set for a surface around one model along two random filter-normalized directions (Li
    // et al. 2018) instead of a plane through three models: models are {centre, "", ""}, the
    // centre sits at (0, 0), coordinates are multiples of the directions, the grid is
    // symmetric ([-range, range] on both axes) and its resolution odd, so that the centre row
    // is the 1D surface along the first direction.
    std::optional<DirectionOptions> directions;
    // Set for a surface around a run's final model in the plane of the top two principal
    // components of its checkpoints (Li et al. 2018): models are {final, "", ""} as for a
    // direction surface, coordinates are distances along the unit components, and the grid
    // covers the projected checkpoints with the margin.
    std::optional<TrajectoryAxes> trajectory;
};

// The models a plane names: all three, or the centre of a direction surface.
std::vector<std::string> planeModels(const PlaneResult& plane);
// Every model a plane is computed from: planeModels, then a trajectory's checkpoints.
std::vector<std::string> planeDependencies(const PlaneResult& plane);

// The leading rows of a plane's grid with no missing loss: how far its computation got.
int64_t completePlaneRows(const PlaneResult& plane);

// A clustering of the models (issue: basins).
struct ClusteringResult {
    std::string id;      // group name, e.g. "cg-mnli-k2"
    std::string matrix;  // a matrixId (core/common/matrix_kind.h)
    std::string dataset; // empty for the distance matrix
    int64_t k = 2;
    double delta = 1.0;
    std::vector<std::string> models; // the models clustered, in label order
    std::vector<int64_t> labels;
    Matrix embedding;          // [n, k]
    std::vector<double> score; // centroid-distance score per model (k == 2)
};

// Epsilon-sharpness of one model on one dataset (issue: basins).
struct SharpnessResult {
    std::string model;
    std::string dataset;
    double epsilon = 0;
    int64_t steps = 0;
    double value = kNaN;
};

struct Study {
    // 2: curves stored as the upper triangle [pairs, P], updated in place pair by pair.
    static constexpr int kFormatVersion = 2;

    int64_t points = 10;                      // points per curve, both ends included
    int64_t maxLength = 128;                  // tokens per example after truncation
    std::vector<std::string> modelLabelNames; // overrides the models' id2label when not empty
    // The precision every result was computed in ("fp32", "bf16", "fp16"); empty until the
    // first computation (files from before it was recorded: fp32).
    std::string precision;
    std::vector<ModelEntry> models;
    std::vector<DatasetEntry> datasets;

    // Results by dataset name.
    std::map<std::string, std::vector<Evaluation>> evaluations; // per model, same order as models
    std::map<std::string, CurveSet> curves;
    std::map<std::string, DerivedMatrices> matrices;
    Matrix distance; // Euclidean distance between parameter vectors [N, N]
    std::vector<PlaneResult> planes;
    std::vector<ClusteringResult> clusterings;
    std::vector<SharpnessResult> sharpness;
    std::vector<HessianResult> hessians;
    std::vector<TrainedCurve> trainedCurves;

    int64_t modelIndex(const std::string& name) const;   // -1 when absent
    int64_t datasetIndex(const std::string& name) const; // -1 when absent
    const DatasetEntry* surfaceDataset() const;          // nullptr when none

    // Makes every result container match the current model/dataset lists (new cells NaN).
    // A container whose shape disagrees (e.g. after changing points) is reset to NaN, and
    // results of datasets no longer listed are removed; use setModels to keep results.
    void ensureShapes();
    // Replaces the model list, carrying every computed result over by model name.
    // A model whose content hash changed (both hashes known) counts as a new model: its
    // results are dropped, as are planes, clusterings and sharpness that mention a removed one.
    void setModels(std::vector<ModelEntry> models);
    // Adds or removes datasets; results of kept datasets stay. A dataset whose rows changed
    // (source, format, spec, label names or sample rows differ) loses its results.
    void setDatasets(std::vector<DatasetEntry> datasets);
    // Throws bs::Error naming the first inconsistency: invalid or duplicate names, points < 2,
    // result containers whose shape disagrees with the model list (empty ones mean "not
    // computed"), results of unknown datasets, planes/clusterings/sharpness that mention
    // unknown models or datasets.
    void validate() const;
};

std::vector<double> curveAlphas(int64_t points); // k / (P - 1)
// Pairs i < j of `models` models, numbered row by row of the upper triangle: (0, 1), (0, 2), ...,
// (0, N-1), (1, 2), ... The row of the study file's [pairs, P] curve arrays.
int64_t pairCount(int64_t models);
int64_t pairRow(int64_t i, int64_t j, int64_t models); // requires 0 <= i < j < models
// The models connectivity is compared across: the final models (no training step) when the
// study also holds training checkpoints, which are compared only within their step (training
// dynamics); every model otherwise. Indices ascending.
std::vector<int64_t> connectivityModels(const Study& study);
const char* roleName(DatasetRole role);         // "surface", "diagnostic"
DatasetRole parseRole(const std::string& name); // inverse of roleName; bs::Error otherwise
// Dataset, plane and clustering names become HDF5 group names: [A-Za-z0-9._-]+, not "." or "..".
bool isValidGroupName(const std::string& name);

} // namespace bs
