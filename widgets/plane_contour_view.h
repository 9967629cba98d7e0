#pragma once
// PlaneContourView: a loss plane as a filled colour map with labelled iso-lines (QCustomPlot).

#include "core/study/study.h"
#include "widgets/exportable_view.h"
#include "widgets/plane_display_grid.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QCPItemText;
class QCPTextElement;

namespace bs::ui {

// Draws one PlaneResult: the finest computed sub-grid as a colour map, iso-lines computed by
// VTK with their values, the three models as named markers joined by their triangle, and a
// colour bar (linear or log). Hovering shows plane coordinates and the value under the mouse.
// A trajectory surface also shows the run's path: its checkpoints joined in step order, ending
// at the final model in the centre, and the explained variance on the axis titles.
class PlaneContourView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit PlaneContourView(QWidget* parent = nullptr);
    ~PlaneContourView() override;

    // Redraws with the plane as it is now (call again as finer levels arrive).
    // `metricName` labels the metric quantity, e.g. "accuracy".
    void setPlane(const PlaneResult& plane,
                  const QString& metricName = QString::fromStdString(metricId(Metric::Accuracy)));
    void clear();
    const PlaneResult& plane() const { return m_plane; }

    void setQuantity(PlaneQuantity quantity);
    PlaneQuantity quantity() const { return m_quantity; }
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    // A fixed colour range (shared by several planes), or nullopt for this plane's own range.
    void setColorRange(std::optional<std::pair<double, double>> range);

    // For tests and the status bar.
    QCustomPlot* plot() const { return m_plot; }
    QCPColorMap* colorMap() const { return m_map; }
    QCPColorScale* colorScale() const { return m_scale; }
    // Marker graphs of the three models (one point each), in plane.models order.
    const std::vector<QCPGraph*>& modelMarkers() const { return m_markers; }
    QCPCurve* triangle() const { return m_triangle; }
    // A trajectory surface's path (checkpoints in step order, then the final model) and the
    // labels of its checkpoints; empty for other planes.
    QCPCurve* trajectoryPath() const { return m_path; }
    const std::vector<QCPItemText*>& checkpointLabels() const { return m_pathLabels; }
    int isoLineCount() const { return int(m_isoLines.size()); }
    const std::vector<double>& isoLevels() const { return m_levels; }
    // Points per side of the sub-grid drawn now (0 when nothing is computed yet).
    int64_t displayedResolution() const { return m_grid.field.nx; }
    // The readout for plane coordinates (x, y): "x = …, y = …  loss …".
    QString readout(double x, double y) const;
    // Value of the drawn grid nearest to (x, y); NaN outside it.
    double valueAt(double x, double y) const;
    QString hoverText() const;

    QString exportName() const override { return QStringLiteral("plane"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

signals:
    void hovered(const QString& readout);

private:
    void rebuild();
    void rebuildPath();
    void fitAspect();
    void onMouseMove(QMouseEvent* event);
    QString quantityName() const;

    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPTextElement* m_readout = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPCurve* m_triangle = nullptr;
    QCPCurve* m_path = nullptr;
    std::vector<QCPItemText*> m_pathLabels;
    QCPItemText* m_emptyLabel = nullptr;
    std::vector<QCPGraph*> m_markers;
    std::vector<QCPItemText*> m_markerLabels;
    std::vector<QCPCurve*> m_isoLines;
    std::vector<QCPItemText*> m_isoLabels;
    std::vector<double> m_levels;
    PlaneResult m_plane;
    PlaneDisplayGrid m_grid;
    QString m_metricName = QString::fromStdString(metricId(Metric::Accuracy));
    PlaneQuantity m_quantity = PlaneQuantity::Loss;
    bool m_log = false;
    std::optional<std::pair<double, double>> m_range;
};

// Colours of the three model markers (origin, first axis, third), also used in 3D.
QColor planeModelColor(size_t index);

} // namespace bs::ui
