#pragma once
// The legend of a plot as a row below its axes, and out of the layout when it shows nothing.

class QCustomPlot;
class QFont;

namespace bs::ui {

// Moves `plot`'s legend from the inset of its axes into row `row` of the plot layout, filled in
// `columns` columns, so that it never covers data.
void placeLegendBelow(QCustomPlot* plot, int row, int columns, const QFont& font);

// Shows the legend in row `row` when `shown` and it has items; otherwise takes it out of the
// layout. Hiding is not enough: an empty legend (a grid of no columns) reports its margins as
// its maximum width, which caps the plot layout's only column and squeezes the axes, and the
// hint centred on them, to a 50-pixel strip.
void showLegend(QCustomPlot* plot, int row, bool shown);

} // namespace bs::ui
