#pragma once
// ExportableView: a view that can paint itself at any size and write its data as CSV.

#include <QSize>
#include <QString>

class QCPPainter;

namespace bs::ui {

// Implemented by every panel that File > Export View… can write. Painting goes through a
// QCPPainter (a QPainter) so that QCustomPlot views can render natively; other views use it
// as a plain QPainter.
class ExportableView {
public:
    virtual ~ExportableView() = default;
    // Short name used for default file names and the export dialog, e.g. "connectivity".
    virtual QString exportName() const = 0;
    // Paints the view into (0, 0, size) in logical pixels (96 per inch); the painter is active.
    virtual void renderTo(QCPPainter& painter, const QSize& size) = 0;
    // The data the view shows, as CSV (UTF-8, header row first).
    virtual QString toCsv() const = 0;
};

} // namespace bs::ui
