#pragma once
// InterpolationPlot: loss and metric against alpha for one or more curves, with optional bands.

#include "widgets/exportable_view.h"

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPTextElement;

namespace bs::ui {

class PlotMessage;

// One line of the plot: a pair's curve on one dataset, or the mean of a group of pairs with
// a band (e.g. mean +- one standard deviation). NaN values leave gaps.
struct CurveSeries {
    QString label; // legend text
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    // The marker of the computed points: e.g. a trained curve drawn beside its straight line.
    enum class Marker { Disc, Diamond, Square };
    Marker marker = Marker::Disc;
    std::vector<double> alpha;
    std::vector<double> loss;
    std::vector<double> metric;
    // Optional band, the same length as alpha (empty: no band).
    std::vector<double> lossLow, lossHigh, metricLow, metricHigh;
};

struct InterpolationData {
    QString title;
    QString subtitle;    // smaller text under the title (e.g. barrier heights); "" for none
    QString lossLabel;   // y label of the upper panel
    QString metricLabel; // y label of the lower panel
    QString alphaLabel;  // x label, naming the endpoints
    QString emptyText;   // shown when there is no series
    std::vector<CurveSeries> series;
};

// Two stacked panels sharing the alpha axis (loss above, metric below) and a legend below.
class InterpolationPlot : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit InterpolationPlot(QWidget* parent = nullptr);
    ~InterpolationPlot() override;

    void setData(InterpolationData data);
    const InterpolationData& data() const { return m_data; }
    // Points with a loss value in series `index` (for tests and status text).
    int pointCount(size_t index) const;
    QCustomPlot* plot() const { return m_plot; }

    QString exportName() const override { return QStringLiteral("interpolation"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

private:
    static constexpr int kSubtitleRow = 1; // title, subtitle, loss, metric, legend
    static constexpr int kLegendRow = 4;

    void rebuild();

    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPTextElement* m_subtitle = nullptr; // in the layout only while there is a subtitle
    QCPAxisRect* m_lossRect = nullptr;
    QCPAxisRect* m_metricRect = nullptr;
    PlotMessage* m_emptyLabel = nullptr;
    InterpolationData m_data;
};

} // namespace bs::ui
