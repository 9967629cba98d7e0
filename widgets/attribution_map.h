#pragma once
// AttributionMap: which parameter groups carry a barrier, as two heatmaps groups x alpha.

#include "core/analysis/barrier_attribution.h"
#include "widgets/exportable_view.h"

#include <QStringList>
#include <QWidget>

namespace bs::ui {

// Draws a BarrierAttribution: the left block holds the loss when only one group moves, the
// right block the loss when every group but one moves; one row per group, one column per
// alpha, and each row's barrier height beside it. Both blocks share one colour scale, so a
// group that carries the barrier shows as a bright "only" row and a dark "all but" row.
// Cells not computed (a cancelled job) are grey.
class AttributionMap : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit AttributionMap(QWidget* parent = nullptr);

    void setAttribution(BarrierAttribution attribution);
    const BarrierAttribution& attribution() const { return m_data; }
    // What an empty map says (no pair attributed yet).
    void setEmptyText(const QString& text);

    // The row labels as drawn (the group names), top to bottom.
    QStringList rowLabels() const;
    // The barrier-height texts of the "only" (left) or "all but" (right) block, top to bottom.
    QStringList barrierTexts(bool allBut) const;

    QString exportName() const override { return QStringLiteral("attribution"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    // Every path at every alpha (attributionCsv).
    QString toCsv() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paint(QPainter& painter, const QSize& size) const;

    BarrierAttribution m_data;
    QString m_emptyText;
};

} // namespace bs::ui
