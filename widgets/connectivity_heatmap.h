#pragma once
// ConnectivityHeatmap: an N x N colour map of a pairwise matrix (CG, BH, AUC, distance).

#include "core/analysis/matrix.h"
#include "widgets/exportable_view.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPItemText;
class QCPTextElement;
class QMouseEvent;

namespace bs::ui {

// What the heatmap draws: the matrix between models (row = first model, column = second),
// NaN where a pair is not computed yet.
struct HeatmapData {
    std::vector<QString> names; // one per model, in model index order
    Matrix values;              // names.size() x names.size()
    QString title;              // e.g. "Convexity gap on mnli"
    QString valueName;          // colour scale label, e.g. "CG (loss)"
    QString emptyText;          // shown when there are no models
    // Cells drawn faded (row-major, names.size() squared; empty: none), e.g. those whose
    // bootstrap interval contains 0: the value stays readable but no longer stands out.
    std::vector<uint8_t> faded;
    QString fadedNote; // the hover text's reason for a faded cell
};

// The matrix is drawn in a display order (position -> model index) so that axes can be
// sorted by any model property; hover shows both models and the value, a click selects the
// pair. Hover only redraws a buffered overlay layer, so it stays cheap for 100 x 100 maps.
class ConnectivityHeatmap : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit ConnectivityHeatmap(QWidget* parent = nullptr);
    ~ConnectivityHeatmap() override;

    // Replaces everything; the order resets to model order unless the size is unchanged.
    void setData(HeatmapData data);
    // New values for the same models (live updates while pairs finish).
    void setValues(const Matrix& values);
    // Display position -> model index: distinct models of 0..N-1; models left out are not
    // drawn (e.g. checkpoints, which only the training-dynamics view compares).
    void setOrder(std::vector<int64_t> order);
    // Axis titles: the column (second model) axis and the row (first model) axis.
    void setAxisLabels(const QString& columns, const QString& rows);
    // Highlights a pair (i, j) with a frame; (-1, -1) clears it.
    void setSelectedPair(int64_t i, int64_t j);

    const HeatmapData& data() const { return m_data; }
    const std::vector<int64_t>& order() const { return m_order; }
    // Model names on the column axis, in display order (all of them, even when the axis
    // only labels every k-th one for lack of room).
    QStringList tickLabels() const;
    // The widget position of the centre of cell (i, j) (row model i, column model j).
    QPoint cellCenter(int64_t i, int64_t j) const;
    // The pair under a widget position, or (-1, -1).
    std::pair<int64_t, int64_t> pairAt(const QPoint& position) const;
    // Whether the colour map draws cell (i, j) faded (read back from the drawn map).
    bool cellFaded(int64_t i, int64_t j) const;
    QCustomPlot* plot() const { return m_plot; }

    QString exportName() const override { return QStringLiteral("connectivity"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

signals:
    // The pair under the mouse, or (-1, -1) when the mouse left the map.
    void cellHovered(int64_t i, int64_t j, double value);
    void cellClicked(int64_t i, int64_t j);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildMap();
    void updatePositions();
    void updateTicks(const QSize& plotSize);
    void updateColorRange();
    void updateFading();
    bool isFaded(int64_t i, int64_t j) const;
    void placeFrame(QCPItemRect* frame, int64_t i, int64_t j);
    int64_t positionOf(int64_t model) const;
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    QString valueText(double value) const;

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPItemRect* m_hoverFrame = nullptr;
    QCPItemRect* m_selectionFrame = nullptr;
    QCPItemText* m_emptyLabel = nullptr;
    HeatmapData m_data;
    std::vector<int64_t> m_order;
    std::vector<int64_t> m_position; // model index -> display position
    std::pair<int64_t, int64_t> m_hovered{-1, -1};
    std::pair<int64_t, int64_t> m_selected{-1, -1};
    QPoint m_pressPosition;
};

} // namespace bs::ui
