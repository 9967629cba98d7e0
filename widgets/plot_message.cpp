#include "widgets/plot_message.h"

#include <QFontMetricsF>
#include <qcustomplot.h>

#include <algorithm>

namespace bs::ui {

namespace {

// Room left between the message and the axes on either side.
constexpr double kSideRoom = 12;

} // namespace

QString fitLines(const QString& text, const QFontMetricsF& metrics, double width) {
    const QStringList given = text.split(QLatin1Char('\n'));
    if (std::all_of(given.begin(), given.end(),
                    [&](const QString& line) { return metrics.horizontalAdvance(line) <= width; }))
        return text;
    QStringList lines;
    QString line;
    for (const QString& word :
         given.join(QLatin1Char(' ')).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

PlotMessage::PlotMessage(QCPAxisRect* rect, const QFont& font, const QColor& color)
    : QObject(rect->parentPlot())
    , m_rect(rect)
    , m_item(new QCPItemText(rect->parentPlot())) {
    m_item->setClipAxisRect(rect);
    m_item->position->setAxisRect(rect);
    m_item->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_item->position->setCoords(0.5, 0.5);
    m_item->setPositionAlignment(Qt::AlignCenter);
    m_item->setTextAlignment(Qt::AlignCenter);
    m_item->setFont(font);
    m_item->setColor(color);
    m_item->setSelectable(false);
    m_item->setVisible(false);
    // The axes have their size for this replot once the layout is done, before anything draws.
    connect(rect->parentPlot(), &QCustomPlot::afterLayout, this, &PlotMessage::fit);
}

void PlotMessage::setText(const QString& text) {
    m_text = text;
    m_item->setVisible(!text.isEmpty());
    fit();
}

void PlotMessage::fit() {
    const double width = m_rect->width() - 2 * kSideRoom;
    m_item->setText(width > 0 ? fitLines(m_text, QFontMetricsF(m_item->font()), width) : m_text);
}

} // namespace bs::ui
