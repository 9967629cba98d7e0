#pragma once
// Vertical marks at chosen alphas across every panel of a plot against alpha (e.g. where the
// examples of a pair flip their prediction), each with a short label at the top.

#include <QString>

#include <vector>

class QCustomPlot;

namespace bs::ui {

struct AlphaMark {
    double alpha = 0.0;
    QString label; // e.g. "12 flips"
};

// Replaces the marks drawn on `plot` by `marks` (empty: removes them); they stay through
// later replots until replaced. Marks live on their own layer above the curves.
void setAlphaMarks(QCustomPlot* plot, const std::vector<AlphaMark>& marks);
// The alphas of the marks drawn on `plot`, in the order given.
std::vector<double> alphaMarks(const QCustomPlot* plot);

} // namespace bs::ui
