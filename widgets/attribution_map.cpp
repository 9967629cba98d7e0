#include "widgets/attribution_map.h"

#include "widgets/color_maps.h"
#include "widgets/plot_fonts.h"

#include <QFontMetricsF>
#include <QPaintEvent>
#include <QPainter>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bs::ui {

namespace {

QString barrierText(double value) {
    return std::isfinite(value) ? QStringLiteral("%1").arg(value, 0, 'g', 3) : QStringLiteral("–");
}

const QColor kPending(220, 220, 220);

} // namespace

AttributionMap::AttributionMap(QWidget* parent)
    : QWidget(parent)
    , m_emptyText(tr("Attribute a barrier to see which parameter groups carry it")) {
    setObjectName(QStringLiteral("AttributionMap"));
    setMinimumSize(320, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void AttributionMap::setAttribution(BarrierAttribution attribution) {
    m_data = std::move(attribution);
    update();
}

void AttributionMap::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

QStringList AttributionMap::rowLabels() const {
    QStringList labels;
    for (const GroupAttribution& g : m_data.groups)
        labels << QString::fromStdString(g.group);
    return labels;
}

QStringList AttributionMap::barrierTexts(bool allBut) const {
    QStringList texts;
    for (const GroupAttribution& g : m_data.groups)
        texts << barrierText(allBut ? g.allBut.barrierHeight : g.only.barrierHeight);
    return texts;
}

QString AttributionMap::toCsv() const {
    return m_data.groups.empty() ? QString() : QString::fromStdString(attributionCsv(m_data));
}

void AttributionMap::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paint(painter, size());
}

void AttributionMap::renderTo(QCPPainter& painter, const QSize& size) {
    paint(painter, size);
}

void AttributionMap::paint(QPainter& painter, const QSize& size) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const QFont base = withPoints(font(), 9);
    const QFont bold = withPoints(font(), 10, true);
    painter.setFont(base);
    painter.setPen(Qt::black);
    const QFontMetricsF fm(base, painter.device());
    const double line = fm.height();
    if (m_data.groups.empty() || m_data.alphas.empty()) {
        painter.setPen(Qt::darkGray);
        painter.drawText(QRectF(0, 0, size.width(), size.height()),
                         Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        painter.restore();
        return;
    }

    // The colour scale: every finite loss of both blocks (and of the plain line).
    double low = std::numeric_limits<double>::infinity(), high = -low;
    auto extend = [&](const std::vector<double>& values) {
        for (double v : values)
            if (std::isfinite(v))
                low = std::min(low, v), high = std::max(high, v);
    };
    extend(m_data.loss);
    for (const GroupAttribution& g : m_data.groups)
        extend(g.onlyLoss), extend(g.allButLoss);
    if (!(high > low))
        high = low + 1.0;

    const double margin = 8;
    painter.setFont(bold);
    const QString title =
        tr("Barrier attribution: %1 → %2 on %3")
            .arg(QString::fromStdString(m_data.first), QString::fromStdString(m_data.second),
                 QString::fromStdString(m_data.dataset));
    painter.drawText(QRectF(margin, margin, size.width() - 2 * margin, line * 1.3),
                     Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(base);
    QString subtitle = tr("Straight line (every group moves): barrier height %1")
                           .arg(barrierText(m_data.plain.barrierHeight));
    if (!m_data.complete)
        subtitle += tr(" — partial result (cancelled); grey cells were not computed");
    painter.drawText(QRectF(margin, margin + line * 1.3, size.width() - 2 * margin, line),
                     Qt::AlignLeft | Qt::AlignVCenter, subtitle);

    double labelWidth = 0;
    for (const GroupAttribution& g : m_data.groups)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(QString::fromStdString(g.group)));
    const double barrierWidth = fm.horizontalAdvance(QStringLiteral("BH 0.000e-00")) + 6;
    const double scaleWidth = 14 + fm.horizontalAdvance(QStringLiteral("0.000e-00")) + 10;
    const double top = margin + line * 2.6 + line * 1.2;       // block headings above the cells
    const double bottom = size.height() - margin - line * 2.2; // alpha ticks and axis title
    const double left = margin + labelWidth + 6;
    const double blocksWidth = size.width() - left - margin - scaleWidth;
    const double gap = 12;
    const double cellsWidth = std::max(10.0, (blocksWidth - 2 * barrierWidth - gap) / 2);
    const size_t rows = m_data.groups.size(), cols = m_data.alphas.size();
    const double rowHeight = std::max(2.0, (bottom - top) / double(rows));
    const double colWidth = cellsWidth / double(cols);

    for (size_t r = 0; r < rows; ++r) {
        const QRectF label(margin, top + double(r) * rowHeight, labelWidth, rowHeight);
        painter.setPen(Qt::black);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         QString::fromStdString(m_data.groups[r].group));
    }
    for (int block = 0; block < 2; ++block) {
        const bool allBut = block == 1;
        const double x0 = left + double(block) * (cellsWidth + barrierWidth + gap);
        painter.setPen(Qt::black);
        painter.setFont(bold);
        painter.drawText(QRectF(x0, top - line * 1.2, cellsWidth + barrierWidth, line * 1.2),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         allBut ? tr("All but this group move") : tr("Only this group moves"));
        painter.setFont(base);
        for (size_t r = 0; r < rows; ++r) {
            const GroupAttribution& g = m_data.groups[r];
            const std::vector<double>& loss = allBut ? g.allButLoss : g.onlyLoss;
            const double y = top + double(r) * rowHeight;
            for (size_t c = 0; c < cols; ++c) {
                const double v =
                    c < loss.size() ? loss[c] : std::numeric_limits<double>::quiet_NaN();
                const QColor color =
                    std::isfinite(v) ? viridisColor((v - low) / (high - low)) : kPending;
                // Cells overlap by a pixel so that no hairline gaps show at any scale.
                painter.fillRect(
                    QRectF(x0 + double(c) * colWidth, y, colWidth + 0.5, rowHeight + 0.5), color);
            }
            painter.setPen(Qt::black);
            painter.drawText(QRectF(x0 + cellsWidth + 4, y, barrierWidth - 4, rowHeight),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             tr("BH %1").arg(barrierText(allBut ? g.allBut.barrierHeight
                                                                : g.only.barrierHeight)));
        }
        painter.setPen(QPen(Qt::darkGray, 0));
        painter.drawRect(QRectF(x0, top, cellsWidth, rowHeight * double(rows)));
        // Alpha ticks at both ends and the middle point.
        painter.setPen(Qt::black);
        for (size_t c : {size_t(0), (cols - 1) / 2, cols - 1}) {
            const double x = x0 + (double(c) + 0.5) * colWidth;
            painter.drawText(QRectF(x - 30, bottom + 2, 60, line), Qt::AlignHCenter | Qt::AlignTop,
                             QString::number(m_data.alphas[c], 'g', 3));
        }
        painter.drawText(
            QRectF(x0, bottom + 2 + line, cellsWidth, line), Qt::AlignHCenter | Qt::AlignTop,
            tr("α (0 = %1, 1 = %2)")
                .arg(QString::fromStdString(m_data.first), QString::fromStdString(m_data.second)));
    }

    // Colour bar: loss from low (bottom) to high (top).
    const double sx = size.width() - margin - scaleWidth + 8;
    const double barHeight = bottom - top;
    const int steps = 64;
    for (int k = 0; k < steps; ++k) {
        const double t = double(k) / (steps - 1);
        painter.fillRect(QRectF(sx, top + barHeight * (1.0 - double(k + 1) / steps), 12,
                                barHeight / steps + 0.5),
                         viridisColor(t));
    }
    painter.setPen(Qt::black);
    painter.drawText(QRectF(sx + 14, top - line / 2, scaleWidth - 14, line), Qt::AlignLeft,
                     QString::number(high, 'g', 3));
    painter.drawText(QRectF(sx + 14, bottom - line / 2, scaleWidth - 14, line), Qt::AlignLeft,
                     QString::number(low, 'g', 3));
    painter.drawText(QRectF(sx - 8, top - line * 1.2, scaleWidth, line * 1.2),
                     Qt::AlignLeft | Qt::AlignVCenter, tr("loss"));
    painter.restore();
}

} // namespace bs::ui
