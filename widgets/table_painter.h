#pragma once
// Painting an item model as a figure-quality table (for exports of table panels).

#include <QSize>

class QAbstractItemModel;
class QPainter;

namespace bs::ui {

// Paints the header and rows of `model` (display text, colour swatches from DecorationRole,
// alignment from TextAlignmentRole) into (0, 0, size). Columns get their natural width,
// scaled down with the font when the table is wider than `size`; rows that do not fit are
// left out and counted in a last line.
void paintTable(QPainter& painter, const QAbstractItemModel& model, const QSize& size,
                const QString& title);

// The size at which paintTable shows every row and column at the default font.
QSize naturalTableSize(const QAbstractItemModel& model, const QString& title);

} // namespace bs::ui
