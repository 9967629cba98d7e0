#pragma once
// The one font helper every plot uses: a base font at a point size, optionally bold.

#include <QFont>

namespace bs::ui {

// Plots size their text in points (not pixels) so that exports at any DPI keep proportions.
inline QFont withPoints(const QFont& base, double points, bool bold = false) {
    QFont font = base;
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

} // namespace bs::ui
