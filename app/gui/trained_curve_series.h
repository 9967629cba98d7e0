#pragma once
// The trained curves of a pair as series of the interpolation view, beside its straight line.

#include "app/gui/trained_curve_view.h"
#include "core/landscape/pair_schedule.h"
#include "core/study/study.h"
#include "widgets/interpolation_plot.h"

#include <QStringList>

#include <vector>

namespace bs::ui {

// Adds to `data`, the view of the one pair `pair` as StudyViews::pairCurves builds it, the
// curves of `curves` between the same two models (either direction): one series per curve and
// shown dataset, in the colour and line style of that dataset's straight line, its points
// marked with diamonds (Bezier) or squares (polychain); and the barrier heights of the line and
// of each curve on every shown dataset, with the curves' recipes, as the subtitle. Returns the
// curves added (as drawn, from pair.first to pair.second).
std::vector<TrainedCurveView> addTrainedCurves(InterpolationData& data, const Study& study,
                                               const ModelPair& pair,
                                               const std::vector<TrainedCurveView>& curves,
                                               const QStringList& hidden);

} // namespace bs::ui
