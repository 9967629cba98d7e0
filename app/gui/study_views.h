#pragma once
// StudyViews: turns the open study into the value structs the widgets draw.

#include "core/common/matrix_kind.h"
#include "core/landscape/pair_schedule.h"
#include "core/study/study.h"
#include "widgets/connectivity_heatmap.h"
#include "widgets/interpolation_plot.h"
#include "widgets/model_table_model.h"

#include <QCoreApplication>
#include <QStringList>

#include <vector>

namespace bs::ui {

class StudyViews {
    Q_DECLARE_TR_FUNCTIONS(StudyViews)
public:
    // Every matrix the connectivity view offers, in menu order. The names come from the
    // vocabulary in core/common/matrix_kind.h, as QStrings.
    static std::vector<MatrixKind> matrixKinds();
    static QString matrixId(MatrixKind kind);
    static MatrixKind matrixFromId(const QString& id); // ConvexityGap when unknown
    static QString matrixTitle(MatrixKind kind);
    static QString matrixShortName(MatrixKind kind);

    // Name, family, parameters, run/step when known, surface loss and metric, each diagnostic's
    // metric, and the cluster of `shown` (the clustering on screen), else of the latest stored.
    static ModelTable modelTable(const Study& study, const ClusteringResult* shown = nullptr);
    // The pair with the highest convexity gap on the surface dataset among the models the
    // connectivity map shows (the strongest barrier: what a new user should see first), or
    // (-1, -1) when no curve is computed.
    static ModelPair strongestPair(const Study& study);
    // The matrix on `dataset` (the surface dataset when empty or unknown).
    static HeatmapData heatmap(const Study& study, MatrixKind kind, const QString& dataset);
    // The column a new user most likely wants to sort and group by: the first diagnostic's
    // metric (HANS accuracy in the paper), else the surface metric.
    static QString defaultScoreColumn(const Study& study);

    // Curves of `pairs` on every dataset not in `hidden`, one colour per pair.
    static InterpolationData pairCurves(const Study& study, const std::vector<ModelPair>& pairs,
                                        const QStringList& hidden);
    // Mean curves (+- one SD) of the pairs within the top-k, within the bottom-k and across,
    // by the numeric column `column` of modelTable(study).
    static InterpolationData groupCurves(const Study& study, const ModelColumn& column, int k,
                                         const QStringList& hidden);

    // The number of pairs i < j of the connectivity map's models whose surface curve is
    // complete.
    static int64_t completePairs(const Study& study);
};

} // namespace bs::ui
