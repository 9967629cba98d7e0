#include "widgets/table_painter.h"
#include "widgets/plot_fonts.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QString>

#include <algorithm>
#include <vector>

namespace bs::ui {

namespace {

constexpr double kPadX = 8, kPadY = 4, kSwatch = 10, kMargin = 12;

struct Layout {
    std::vector<double> widths;
    double rowHeight = 0;
    double titleHeight = 0;
    double width = 0;
};

QFont tableFont(double points, bool bold = false) {
    return withPoints(QFont(), points, bold);
}

Layout measure(const QAbstractItemModel& model, const QString& title, double points,
               QPaintDevice* device) {
    Layout layout;
    const QFontMetricsF body(tableFont(points), device);
    const QFontMetricsF head(tableFont(points, true), device);
    const QFontMetricsF big(tableFont(points * 1.2, true), device);
    layout.rowHeight = std::max(body.height(), head.height()) + 2 * kPadY;
    layout.titleHeight = title.isEmpty() ? 0 : big.height() + 2 * kPadY;
    for (int c = 0; c < model.columnCount(); ++c) {
        double w = head.horizontalAdvance(model.headerData(c, Qt::Horizontal).toString());
        for (int r = 0; r < model.rowCount(); ++r) {
            double cell = body.horizontalAdvance(model.index(r, c).data().toString());
            if (model.index(r, c).data(Qt::DecorationRole).canConvert<QColor>())
                cell += kSwatch + kPadX;
            w = std::max(w, cell);
        }
        layout.widths.push_back(w + 2 * kPadX);
        layout.width += w + 2 * kPadX;
    }
    return layout;
}

} // namespace

QSize naturalTableSize(const QAbstractItemModel& model, const QString& title) {
    const Layout layout = measure(model, title, 9, nullptr);
    return QSize(int(layout.width + 2 * kMargin) + 1,
                 int(layout.titleHeight + layout.rowHeight * (model.rowCount() + 1) + 2 * kMargin) +
                     1);
}

void paintTable(QPainter& painter, const QAbstractItemModel& model, const QSize& size,
                const QString& title) {
    double points = 9;
    Layout layout = measure(model, title, points, painter.device());
    const double available = size.width() - 2 * kMargin;
    if (layout.width > available && layout.width > 0) {
        points = std::max(5.0, points * available / layout.width);
        layout = measure(model, title, points, painter.device());
    }
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
    double y = kMargin;
    if (!title.isEmpty()) {
        painter.setFont(tableFont(points * 1.2, true));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(kMargin, y, available, layout.titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, title);
        y += layout.titleHeight;
    }
    const double width = std::min(layout.width, available);
    // Header.
    painter.fillRect(QRectF(kMargin, y, width, layout.rowHeight), QColor(0xee, 0xf0, 0xf3));
    painter.setFont(tableFont(points, true));
    painter.setPen(QColor(0x20, 0x20, 0x20));
    double x = kMargin;
    for (int c = 0; c < model.columnCount(); ++c) {
        const QRectF cell(x + kPadX, y, layout.widths[size_t(c)] - 2 * kPadX, layout.rowHeight);
        const int align = model.index(0, c).data(Qt::TextAlignmentRole).toInt();
        painter.drawText(cell, (align & Qt::AlignHorizontal_Mask) | Qt::AlignVCenter,
                         model.headerData(c, Qt::Horizontal).toString());
        x += layout.widths[size_t(c)];
    }
    y += layout.rowHeight;
    painter.setPen(QPen(QColor(0x90, 0x90, 0x90), 1));
    painter.drawLine(QPointF(kMargin, y), QPointF(kMargin + width, y));

    // Rows, as many as fit (the last line says how many were left out).
    const int fit = int((size.height() - kMargin - y) / layout.rowHeight);
    const int rows = model.rowCount();
    const int shown = rows <= fit ? rows : std::max(0, fit - 1);
    painter.setFont(tableFont(points));
    for (int r = 0; r < shown; ++r) {
        if (r % 2 == 1)
            painter.fillRect(QRectF(kMargin, y, width, layout.rowHeight), QColor(0xf7, 0xf8, 0xfa));
        x = kMargin;
        for (int c = 0; c < model.columnCount(); ++c) {
            const QModelIndex index = model.index(r, c);
            QRectF cell(x + kPadX, y, layout.widths[size_t(c)] - 2 * kPadX, layout.rowHeight);
            const QVariant decoration = index.data(Qt::DecorationRole);
            if (decoration.canConvert<QColor>()) {
                const QRectF swatch(cell.left(), y + (layout.rowHeight - kSwatch) / 2, kSwatch,
                                    kSwatch);
                painter.fillRect(swatch, decoration.value<QColor>());
                cell.setLeft(cell.left() + kSwatch + kPadX);
            }
            painter.setPen(QColor(0x20, 0x20, 0x20));
            const int align = index.data(Qt::TextAlignmentRole).toInt();
            painter.drawText(cell, (align & Qt::AlignHorizontal_Mask) | Qt::AlignVCenter,
                             index.data().toString());
            x += layout.widths[size_t(c)];
        }
        y += layout.rowHeight;
    }
    if (shown < rows) {
        painter.setPen(QColor(0x60, 0x60, 0x60));
        painter.drawText(QRectF(kMargin + kPadX, y, available, layout.rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QCoreApplication::translate("bs::ui::TablePainter", "… %n more row(s)",
                                                     nullptr, rows - shown));
    }
    painter.restore();
}

} // namespace bs::ui
