#include "widgets/alpha_marks.h"
#include "widgets/plot_fonts.h"

#include <qcustomplot.h>

namespace bs::ui {

namespace {

const QString kLayer = QStringLiteral("alpha-marks");
const QColor kColor(0xd6, 0x27, 0x28);

QCPLayer* marksLayer(QCustomPlot* plot) {
    if (QCPLayer* layer = plot->layer(kLayer))
        return layer;
    plot->addLayer(kLayer, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    return plot->layer(kLayer);
}

} // namespace

void setAlphaMarks(QCustomPlot* plot, const std::vector<AlphaMark>& marks) {
    QCPLayer* layer = marksLayer(plot);
    for (QCPLayerable* child : layer->children())
        if (auto* item = qobject_cast<QCPAbstractItem*>(child))
            plot->removeItem(item);
    const QList<QCPAxisRect*> rects = plot->axisRects();
    for (const AlphaMark& mark : marks) {
        for (QCPAxisRect* rect : rects) {
            auto* line = new QCPItemStraightLine(plot);
            line->setLayer(layer);
            line->setClipAxisRect(rect);
            for (QCPItemPosition* p : {line->point1, line->point2})
                p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            line->point1->setCoords(mark.alpha, 0.0);
            line->point2->setCoords(mark.alpha, 1.0);
            line->setPen(QPen(kColor, 1.2, Qt::DashLine));
            line->setSelectable(false);
        }
        if (rects.isEmpty() || mark.label.isEmpty())
            continue;
        QCPAxisRect* top = rects.front();
        auto* text = new QCPItemText(plot);
        text->setLayer(layer);
        text->setClipAxisRect(top);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setAxes(top->axis(QCPAxis::atBottom), top->axis(QCPAxis::atLeft));
        text->position->setAxisRect(top);
        text->position->setCoords(mark.alpha, 0.02);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->setPadding(QMargins(3, 0, 0, 0));
        text->setText(mark.label);
        text->setColor(kColor);
        text->setFont(withPoints(plot->font(), 8));
        text->setSelectable(false);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<double> alphaMarks(const QCustomPlot* plot) {
    std::vector<double> alphas;
    QCPLayer* layer = plot->layer(kLayer);
    if (!layer)
        return alphas;
    for (QCPLayerable* child : layer->children())
        if (auto* text = qobject_cast<QCPItemStraightLine*>(child);
            text && text->clipAxisRect() == plot->axisRects().value(0))
            alphas.push_back(text->point1->coords().x());
    return alphas;
}

} // namespace bs::ui
