#pragma once
// A trained curve between two models of a study, compared with the straight line between them.

#include "core/analysis/barriers.h"
#include "core/common/progress.h"
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

// CSV: "dataset,t,line_loss,line_metric,curve_loss,curve_metric", one row per dataset and point.
std::string curveComparisonCsv(const CurveResult& result);

} // namespace bs
