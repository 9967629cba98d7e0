#pragma once
// Value types that travel from the compute worker to the GUI thread (queued signals).

#include "core/jobs/study_builder.h"
#include "core/landscape/evaluation.h"
#include "core/landscape/pair_schedule.h"
#include "core/study/study.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace bs::ui {

// Every request gets a fresh id; results carrying another id than the current job's are
// stale (a cancelled or abandoned job) and dropped.
using JobId = quint64;

enum class JobKind {
    CreateStudy,
    EditStudy,
    Evaluate,
    Curves,
    Plane,
    Cluster,
    Sharpness,
    Attribution,
    Flips,
    Soup,
    Bootstrap,
    Hessian,
    TrainCurve
};
enum class JobOutcome { Completed, Cancelled, Failed };

// A model's evaluation on every dataset, in study dataset order.
struct EvalUpdate {
    int64_t model = -1;
    std::vector<std::string> datasets;
    std::vector<Evaluation> evaluations;
    std::string contentHash;
};

// One dataset's share of a finished pair: the curve both ways and the derived values.
struct PairDatasetValues {
    std::string dataset;
    std::vector<double> loss, metric;       // from model i (alpha 0) to model j
    double barrierHeight[2] = {kNaN, kNaN}; // (i, j), (j, i)
    double convexityGap[2] = {kNaN, kNaN};
    double peakExcess[2] = {kNaN, kNaN};
    double auc[2] = {kNaN, kNaN};
};

struct PairUpdate {
    int64_t i = -1, j = -1;
    double distance = kNaN;
    std::vector<PairDatasetValues> datasets;
};

// The study as the worker last saved it (shared, never modified after sending).
using StudySnapshot = std::shared_ptr<const Study>;

// Changes to the models and datasets of an existing study (results of what stays are kept).
struct StudyEdit {
    std::vector<std::string> addModelFolders;  // folders or glob patterns
    std::vector<std::string> removeModels;     // names
    std::vector<NamedDatasetSpec> addDatasets; // diagnostics
    std::vector<std::string> removeDatasets;   // names (never the surface dataset)
    int64_t samples = 0;                       // for added datasets without samples=
};

// What the compute jobs are given (from Settings).
struct ComputeSettings {
    int64_t batchSize = 64;
    int64_t memoryBytes = 0; // model cache; 0 = core default
    std::string precision;   // "fp32", "bf16", "fp16"; empty = the device's default
};

} // namespace bs::ui

Q_DECLARE_METATYPE(bs::ui::EvalUpdate)
Q_DECLARE_METATYPE(bs::ui::PairUpdate)
Q_DECLARE_METATYPE(bs::ui::StudySnapshot)
Q_DECLARE_METATYPE(bs::ui::JobKind)
Q_DECLARE_METATYPE(bs::ui::JobOutcome)
