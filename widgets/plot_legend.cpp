#include "widgets/plot_legend.h"

#include <qcustomplot.h>

namespace bs::ui {

void placeLegendBelow(QCustomPlot* plot, int row, int columns, const QFont& font) {
    QCPLegend* legend = plot->legend;
    legend->setFont(font);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(columns);
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->addElement(row, 0, legend);
    // The legend's row takes the height of its entries; the axes take the rest.
    plot->plotLayout()->setRowStretchFactor(row, 0.001);
    showLegend(plot, row, true);
}

void showLegend(QCustomPlot* plot, int row, bool shown) {
    QCPLegend* legend = plot->legend;
    shown = shown && legend->itemCount() > 0;
    legend->setVisible(shown);
    QCPLayoutGrid* layout = plot->plotLayout();
    if (shown && legend->layout() != layout)
        layout->addElement(row, 0, legend);
    else if (!shown && legend->layout() == layout)
        layout->take(legend); // the row stays, empty and of no height
}

} // namespace bs::ui
