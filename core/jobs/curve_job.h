#pragma once
// A trained curve between two models of a study, compared with the straight line between them.

#include "core/common/progress.h"
#include "core/jobs/study_jobs.h"
#include "core/landscape/curve_training.h"
#include "core/study/trained_curve.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs {

struct Study;
class StudySession;

struct CurveRequest {
    std::string first, second; // the endpoints, models of the study
    std::string trainSpec;     // dataset spec of the training file (docs/datasets.md)
    CurveTrainingOptions training;
    std::filesystem::path saveTo; // empty: not saved; else a new checkpoint folder
    // computeStoredCurve only: where the control point is kept when `saveTo` is empty, as
    // <keepIn>/<curve id> (the CLI: "<study>.curves"). Both empty: not kept, and a run
    // cancelled after training trains again.
    std::filesystem::path keepIn;
};

struct CurveResult {
    std::vector<double> t; // the study's points k / (P - 1): alpha on the line, t on the curve
    std::vector<CurveComparison> datasets; // study order
    CurveTraining training;
    int64_t trainingExamples = 0;
    std::string savedTo;
};

// Trains the curve's control point on `trainSpec` (read and tokenized like the study's
// datasets, with the study's tokenizer, length and labels), then evaluates every dataset of the
// study at the study's points of the line and the curve, and saves the control point as a
// checkpoint folder (with the first model's config and tokenizer, and the curve's recipe in
// its metadata) when asked. The endpoints are never written. Nothing is stored in the study.
CurveResult computeCurve(const Study& study, StudySession& session, const CurveRequest& request,
                         const Progress& progress = {});

// What computeStoredCurve did.
struct StoredCurveRun {
    size_t index = 0;           // of the curve in study.trainedCurves
    bool trained = false;       // false: the control point of an earlier run was reused
    int64_t pointsComputed = 0; // line and curve points evaluated by this run
};

// As computeCurve, but the curve is kept in `study.trainedCurves` and saved with hooks.persist:
// once trained (with NaN where nothing is evaluated yet; the control point saved first), then
// after each point of the line or the curve. A run cancelled (bs::Cancelled from
// hooks.progress) keeps the finished training and evaluations. A rerun of the same request
// (endpoints, training file and options, the study's points) whose control point is still on
// disk continues: no training, only the points missing (also for datasets added since). Any
// other request adds a new curve ("curve-0", "curve-1", ...).
StoredCurveRun computeStoredCurve(Study& study, StudySession& session, const CurveRequest& request,
                                  const JobHooks& hooks);

// CSV: "dataset,t,line_loss,line_metric,curve_loss,curve_metric", one row per dataset and point.
std::string curveComparisonCsv(const std::vector<double>& t,
                               const std::vector<CurveComparison>& datasets);
std::string curveComparisonCsv(const CurveResult& result);

} // namespace bs
