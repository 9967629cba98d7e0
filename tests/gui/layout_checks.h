#pragma once
// Checks of what a person can read in a laid-out window: texts that are cut or spill out of
// their widget, and plots too small to read. Each returns readable problems (empty: none).

#include <QRect>
#include <QStringList>

class QCustomPlot;
class QWidget;

namespace bs::test {

// Visible labels under `root` whose text does not fit their rectangle (no room for the words or
// the wrapped lines) or whose rectangle an ancestor cuts off.
QStringList cutLabels(const QWidget* root);

// Texts drawn by `plot` that leave their area: text items (e.g. "nothing to show yet" hints)
// outside the axis rectangle they are clipped to or outside the plot, titles wider than their
// row, axis labels that leave the plot or run into a title, the legend or other axes, and
// layout elements (legend, title, axes) pushed out of the plot.
QStringList cutPlotTexts(QCustomPlot* plot);

// `widget`'s rectangle in `window` coordinates and whether a parent clips part of it away.
QRect rectIn(const QWidget* widget, const QWidget* window);
bool clippedByAncestor(const QWidget* widget, const QWidget* root);

// A name for messages: the class and object name of the widget and its nearest named ancestor.
QString describe(const QWidget* widget);

} // namespace bs::test
