#pragma once
// AnalysisPlot: the common frame of the clustering views (a titled QCustomPlot, exportable).

#include "widgets/exportable_view.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPTextElement;

namespace bs::ui {

class PlotMessage;

// A QCustomPlot with a title row, readable fonts, a legend below the axes and a centred message
// for "nothing to show". Subclasses fill the plot in their setData.
class AnalysisPlot : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit AnalysisPlot(QWidget* parent = nullptr);
    ~AnalysisPlot() override;

    QCustomPlot* plot() const { return m_plot; }
    QString title() const;
    // The message shown instead of data ("" hides it).
    QString message() const;
    // The texts of the legend's items, in order (for tests and status text).
    QStringList legendTexts() const;

    void renderTo(QCPPainter& painter, const QSize& size) override;

protected:
    // Points whose name shows as a tooltip when the mouse is near (plot coordinates).
    struct NamedPoint {
        double x, y;
        QString name;
    };
    void setNamedPoints(std::vector<NamedPoint> points) { m_points = std::move(points); }
    void setTitle(const QString& title);
    void setMessage(const QString& text);
    // Shows the legend (when it has entries) or takes it out of the layout.
    void setLegendShown(bool shown);
    // Axis labels and tick fonts in the shared style.
    void setAxisLabels(const QString& x, const QString& y);
    QFont plotFont(double points, bool bold = false) const;

    QCustomPlot* m_plot = nullptr;

private:
    static constexpr int kLegendRow = 2; // title, axes, legend

    void showTip(QMouseEvent* event);

    std::vector<NamedPoint> m_points;
    QCPTextElement* m_title = nullptr;
    PlotMessage* m_message = nullptr;
};

// Colours of clusters 0, 1, … (cluster 0 is the largest).
QColor clusterColor(int64_t cluster);

} // namespace bs::ui
