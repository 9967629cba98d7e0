#pragma once
// Colour maps shared by the views: a viridis gradient for heatmaps and model swatch colours.

#include <QColor>
#include <vector>

class QCPColorGradient;

namespace bs::ui {

// Matplotlib's viridis (perceptually uniform, readable in grey scale and by colour-blind
// readers); QCustomPlot 2.1 has no such preset. NaN cells are drawn light grey ("pending").
QCPColorGradient viridisGradient();

// The viridis colour at t in [0, 1] (clamped).
QColor viridisColor(double t);

// Distinct colours for n models: Tableau 10 for the first ten, then golden-angle hues.
std::vector<QColor> modelColors(size_t n);

// Colours of the three pair groups of the grouped interpolation view.
QColor withinTopColor();    // models that generalise (top-k)
QColor withinBottomColor(); // models that rely on a heuristic (bottom-k)
QColor acrossColor();       // pairs with one model from each group

} // namespace bs::ui
