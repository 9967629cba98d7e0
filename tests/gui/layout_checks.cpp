#include "tests/gui/layout_checks.h"

#include <QFontMetrics>
#include <QFontMetricsF>
#include <QLabel>
#include <qcustomplot.h>

#include <vector>

namespace bs::test {

namespace {

QString rectText(const QRectF& r) {
    return QStringLiteral("%1x%2 at (%3, %4)")
        .arg(r.width(), 0, 'f', 0)
        .arg(r.height(), 0, 'f', 0)
        .arg(r.x(), 0, 'f', 0)
        .arg(r.y(), 0, 'f', 0);
}

QString quoted(const QString& text) {
    QString one = text;
    one.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return QLatin1Char('"') + one.left(60) + (one.size() > 60 ? QStringLiteral("…\"") : "\"");
}

// One pixel of rounding: QCustomPlot lays out in integers and places texts in floats.
bool inside(const QRectF& outer, const QRectF& inner) {
    return inner.left() >= outer.left() - 1 && inner.top() >= outer.top() - 1 &&
           inner.right() <= outer.right() + 1 && inner.bottom() <= outer.bottom() + 1;
}

QRectF itemRect(const QCPItemText* item) {
    return QRectF(item->topLeft->pixelPosition(), item->bottomRight->pixelPosition()).normalized();
}

// Where `axis` draws its label: centred along the axis (however long the label is), in the
// margin between its axes and their outer edge.
QRectF labelRect(const QCPAxis* axis) {
    const QRectF outer = axis->axisRect()->outerRect(), inner = axis->axisRect()->rect();
    const double length = QFontMetricsF(axis->labelFont())
                              .boundingRect(QRectF(), Qt::TextDontClip, axis->label())
                              .width();
    switch (axis->axisType()) {
    case QCPAxis::atLeft:
        return {outer.left(), inner.center().y() - length / 2, inner.left() - outer.left(), length};
    case QCPAxis::atRight:
        return {inner.right(), inner.center().y() - length / 2, outer.right() - inner.right(),
                length};
    case QCPAxis::atTop:
        return {inner.center().x() - length / 2, outer.top(), length, inner.top() - outer.top()};
    case QCPAxis::atBottom:
        break;
    }
    return {inner.center().x() - length / 2, inner.bottom(), length,
            outer.bottom() - inner.bottom()};
}

// What an axis label of `own` must not cover: the titles' texts, the legend, the data area of
// other axes and colour scales.
std::vector<QRectF> textAreas(QCustomPlot* plot, const QCPAxisRect* own) {
    std::vector<QRectF> areas;
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (!element || !element->realVisibility())
            continue;
        if (const auto* title = qobject_cast<QCPTextElement*>(element))
            areas.push_back(QFontMetricsF(title->font())
                                .boundingRect(QRectF(title->rect()),
                                              title->textFlags() | Qt::AlignCenter, title->text()));
        else if (qobject_cast<QCPLegend*>(element) || qobject_cast<QCPColorScale*>(element))
            areas.push_back(element->outerRect());
        else if (const auto* rect = qobject_cast<QCPAxisRect*>(element); rect && rect != own)
            areas.push_back(rect->rect());
    }
    return areas;
}

} // namespace

QRect rectIn(const QWidget* widget, const QWidget* window) {
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

bool clippedByAncestor(const QWidget* widget, const QWidget* root) {
    for (const QWidget* a = widget->parentWidget(); a; a = a->parentWidget()) {
        if (!a->rect().contains(QRect(widget->mapTo(a, QPoint(0, 0)), widget->size())))
            return true;
        if (a == root)
            break;
    }
    return false;
}

QString describe(const QWidget* widget) {
    QString name = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        name += QLatin1Char(' ') + widget->objectName();
    for (const QWidget* a = widget->parentWidget(); a; a = a->parentWidget())
        if (!a->objectName().isEmpty())
            return name + QStringLiteral(" in ") + a->objectName();
    return name;
}

QStringList cutLabels(const QWidget* root) {
    QStringList problems;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty() || !label->pixmap().isNull())
            continue;
        const QString what = describe(label) + QLatin1Char(' ') + quoted(label->text());
        if (clippedByAncestor(label, root))
            problems << what + QStringLiteral(": cut off by a parent");
        if (label->wordWrap()) {
            const int needed = label->heightForWidth(label->width());
            if (needed > label->height())
                problems << what + QStringLiteral(": wrapped text needs %1 px, has %2 px")
                                       .arg(needed)
                                       .arg(label->height());
        } else {
            const QSize needed = label->sizeHint();
            if (needed.width() > label->width() || needed.height() > label->height())
                problems << what + QStringLiteral(": needs %1x%2 px, has %3x%4 px")
                                       .arg(needed.width())
                                       .arg(needed.height())
                                       .arg(label->width())
                                       .arg(label->height());
        }
    }
    return problems;
}

QStringList cutPlotTexts(QCustomPlot* plot) {
    QStringList problems;
    const QRectF viewport = plot->viewport();
    const QString where = describe(plot->parentWidget() ? plot->parentWidget() : plot);
    for (int k = 0; k < plot->itemCount(); ++k) {
        const auto* text = qobject_cast<QCPItemText*>(plot->item(k));
        if (!text || !text->realVisibility() || text->text().isEmpty())
            continue;
        const QRectF box = itemRect(text);
        const QRectF area = text->clipToAxisRect() && text->clipAxisRect()
                                ? QRectF(text->clipAxisRect()->rect())
                                : viewport;
        if (!inside(area, box))
            problems << QStringLiteral("%1: text %2 (%3) leaves its area %4")
                            .arg(where, quoted(text->text()), rectText(box), rectText(area));
    }
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (!element || !element->realVisibility())
            continue;
        const bool shown =
            qobject_cast<QCPTextElement*>(element) || qobject_cast<QCPLegend*>(element) ||
            qobject_cast<QCPAxisRect*>(element) || qobject_cast<QCPColorScale*>(element);
        if (shown && !inside(viewport, element->outerRect()))
            problems << QStringLiteral("%1: %2 (%3) leaves the plot %4")
                            .arg(where, QString::fromLatin1(element->metaObject()->className()),
                                 rectText(element->outerRect()), rectText(viewport));
        if (const auto* title = qobject_cast<QCPTextElement*>(element)) {
            const QFontMetrics metrics(title->font());
            const int width =
                metrics.boundingRect(QRect(), title->textFlags(), title->text()).width();
            if (width > title->rect().width())
                problems << QStringLiteral("%1: title %2 needs %3 px, has %4 px")
                                .arg(where, quoted(title->text()))
                                .arg(width)
                                .arg(title->rect().width());
        }
    }
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            if (axis->realVisibility() && !axis->label().isEmpty()) {
                const QRectF label = labelRect(axis);
                if (!inside(viewport, label))
                    problems << QStringLiteral("%1: axis label %2 (%3) leaves the plot %4")
                                    .arg(where, quoted(axis->label()), rectText(label),
                                         rectText(viewport));
                for (const QRectF& other : textAreas(plot, rect))
                    if (label.intersected(other).width() > 1 &&
                        label.intersected(other).height() > 1)
                        problems << QStringLiteral("%1: axis label %2 (%3) runs into %4")
                                        .arg(where, quoted(axis->label()), rectText(label),
                                             rectText(other));
            }
    return problems;
}

} // namespace bs::test
