#include "widgets/connectivity_heatmap.h"
#include "widgets/plot_fonts.h"

#include "core/study/study_csv.h"
#include "widgets/color_maps.h"

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bs::ui {

namespace {

const QString kHoverLayer = QStringLiteral("hover");
// Opacity of a faded cell: light enough to read as greyed out on the white plot background,
// dark enough that its colour can still be compared.
constexpr unsigned char kFadedAlpha = 45;

} // namespace

ConnectivityHeatmap::ConnectivityHeatmap(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setMouseTracking(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    layout->addWidget(m_plot);

    const QFont base = font();
    m_title = new QCPTextElement(m_plot, QString(), withPoints(base, 11, true));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_title);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_map->setSelectable(QCP::stNone);

    m_scale = new QCPColorScale(m_plot);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(14);
    m_scale->axis()->setLabelFont(withPoints(base, 9.5));
    m_scale->axis()->setTickLabelFont(withPoints(base, 9));
    m_plot->plotLayout()->addElement(1, 1, m_scale);
    m_map->setColorScale(m_scale);
    // After setColorScale: the map takes the scale's gradient (QCustomPlot's "cold" preset).
    m_map->setGradient(viridisGradient());
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setSubTicks(false);
        axis->setTickLength(0, 3);
        axis->setTickLabelFont(withPoints(base, 8.5));
        axis->setLabelFont(withPoints(base, 9.5));
        axis->grid()->setVisible(false);
    }
    // Matrix convention: the first model runs down the rows, top to bottom.
    m_plot->yAxis->setRangeReversed(true);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->xAxis->setLabel(tr("second model (α = 1)"));
    m_plot->yAxis->setLabel(tr("first model (α = 0)"));

    // Hover and selection frames live on their own buffered layer: moving them repaints that
    // layer only, not the colour map and the axes.
    m_plot->addLayer(kHoverLayer, nullptr, QCustomPlot::limAbove);
    m_plot->layer(kHoverLayer)->setMode(QCPLayer::lmBuffered);
    m_selectionFrame = new QCPItemRect(m_plot);
    m_selectionFrame->setLayer(kHoverLayer);
    m_selectionFrame->setPen(QPen(QColor(0xff, 0x4d, 0x4d), 2.5));
    m_selectionFrame->setBrush(Qt::NoBrush);
    m_selectionFrame->setSelectable(false);
    m_selectionFrame->setVisible(false);
    m_hoverFrame = new QCPItemRect(m_plot);
    m_hoverFrame->setLayer(kHoverLayer);
    m_hoverFrame->setPen(QPen(Qt::white, 2.0));
    m_hoverFrame->setBrush(QColor(255, 255, 255, 50));
    m_hoverFrame->setSelectable(false);
    m_hoverFrame->setVisible(false);

    m_emptyLabel = new QCPItemText(m_plot);
    m_emptyLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyLabel->position->setCoords(0.5, 0.5);
    m_emptyLabel->setPositionAlignment(Qt::AlignCenter);
    m_emptyLabel->setFont(withPoints(base, 10.5));
    m_emptyLabel->setColor(QColor(0x60, 0x60, 0x60));
    m_emptyLabel->setSelectable(false);
    m_emptyLabel->setClipToAxisRect(false);

    connect(m_plot, &QCustomPlot::mouseMove, this, &ConnectivityHeatmap::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &ConnectivityHeatmap::onMousePress);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &ConnectivityHeatmap::onMouseRelease);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        rebuildMap(); // resets a zoomed view
    });
    setMinimumSize(280, 240);
    rebuildMap();
}

ConnectivityHeatmap::~ConnectivityHeatmap() = default;

void ConnectivityHeatmap::setData(HeatmapData data) {
    const bool sameModels = data.names == m_data.names;
    m_data = std::move(data);
    const int64_t n = int64_t(m_data.names.size());
    if (m_data.values.rows != n || m_data.values.cols != n)
        m_data.values = Matrix::filled(n, n);
    if (m_data.faded.size() != size_t(n * n))
        m_data.faded.clear();
    if (!sameModels) {
        std::vector<int64_t> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        m_order = std::move(order);
        m_selected = {-1, -1};
    }
    m_hovered = {-1, -1};
    updatePositions();
    rebuildMap();
}

void ConnectivityHeatmap::updatePositions() {
    m_position.assign(m_data.names.size(), -1); // -1: the model is not shown
    for (size_t p = 0; p < m_order.size(); ++p)
        m_position[size_t(m_order[p])] = int64_t(p);
}

void ConnectivityHeatmap::setValues(const Matrix& values) {
    const int64_t n = int64_t(m_data.names.size());
    if (values.rows != n || values.cols != n)
        return;
    m_data.values = values;
    const int64_t shown = int64_t(m_order.size());
    for (int64_t r = 0; r < shown; ++r)
        for (int64_t c = 0; c < shown; ++c)
            m_map->data()->setCell(int(c), int(r), values(m_order[size_t(r)], m_order[size_t(c)]));
    updateFading();
    updateColorRange();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConnectivityHeatmap::setOrder(std::vector<int64_t> order) {
    std::vector<int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    const int64_t n = int64_t(m_data.names.size());
    const bool valid = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end() &&
                       (sorted.empty() || (sorted.front() >= 0 && sorted.back() < n));
    if (!valid)
        return; // repeated or unknown models: ignore rather than draw garbage
    m_order = std::move(order);
    updatePositions();
    if (positionOf(m_selected.first) < 0 || positionOf(m_selected.second) < 0)
        m_selected = {-1, -1};
    rebuildMap();
}

void ConnectivityHeatmap::setAxisLabels(const QString& columns, const QString& rows) {
    m_plot->xAxis->setLabel(columns);
    m_plot->yAxis->setLabel(rows);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConnectivityHeatmap::setSelectedPair(int64_t i, int64_t j) {
    const int64_t n = int64_t(m_data.names.size());
    const bool valid = i >= 0 && j >= 0 && i < n && j < n;
    m_selected = valid ? std::pair<int64_t, int64_t>(i, j) : std::pair<int64_t, int64_t>(-1, -1);
    placeFrame(m_selectionFrame, m_selected.first, m_selected.second);
    m_plot->layer(kHoverLayer)->replot();
}

QStringList ConnectivityHeatmap::tickLabels() const {
    QStringList labels;
    for (int64_t model : m_order)
        labels << m_data.names[size_t(model)];
    return labels;
}

QPoint ConnectivityHeatmap::cellCenter(int64_t i, int64_t j) const {
    const double x = m_plot->xAxis->coordToPixel(double(positionOf(j)));
    const double y = m_plot->yAxis->coordToPixel(double(positionOf(i)));
    return m_plot->mapTo(this, QPoint(int(std::lround(x)), int(std::lround(y))));
}

std::pair<int64_t, int64_t> ConnectivityHeatmap::pairAt(const QPoint& position) const {
    const QPoint p = m_plot->mapFrom(this, position);
    const int64_t n = int64_t(m_order.size());
    if (n == 0 || !m_plot->axisRect()->rect().contains(p))
        return {-1, -1};
    const int64_t c = std::lround(m_plot->xAxis->pixelToCoord(p.x()));
    const int64_t r = std::lround(m_plot->yAxis->pixelToCoord(p.y()));
    if (c < 0 || r < 0 || c >= n || r >= n)
        return {-1, -1};
    return {m_order[size_t(r)], m_order[size_t(c)]};
}

int64_t ConnectivityHeatmap::positionOf(int64_t model) const {
    if (model < 0 || model >= int64_t(m_position.size()))
        return -1;
    return m_position[size_t(model)];
}

void ConnectivityHeatmap::rebuildMap() {
    const int64_t n = int64_t(m_order.size()); // the models shown
    m_title->setText(m_data.title);
    m_scale->axis()->setLabel(m_data.valueName);
    m_emptyLabel->setText(m_data.emptyText);
    m_emptyLabel->setVisible(n == 0);
    m_map->setVisible(n > 0);
    m_scale->setVisible(n > 0);
    m_plot->xAxis->setTickLabels(n > 0);
    m_plot->yAxis->setTickLabels(n > 0);
    m_map->data()->setSize(int(std::max<int64_t>(n, 1)), int(std::max<int64_t>(n, 1)));
    m_map->data()->setRange(QCPRange(0, double(std::max<int64_t>(n - 1, 0))),
                            QCPRange(0, double(std::max<int64_t>(n - 1, 0))));
    if (n == 0)
        m_map->data()->setCell(0, 0, std::nan(""));
    for (int64_t r = 0; r < n; ++r)
        for (int64_t c = 0; c < n; ++c)
            m_map->data()->setCell(int(c), int(r),
                                   m_data.values(m_order[size_t(r)], m_order[size_t(c)]));
    updateFading();
    const double upper = double(std::max<int64_t>(n, 1)) - 0.5;
    m_plot->xAxis->setRange(-0.5, upper);
    m_plot->yAxis->setRange(-0.5, upper);
    updateColorRange();
    updateTicks(m_plot->size());
    placeFrame(m_selectionFrame, m_selected.first, m_selected.second);
    placeFrame(m_hoverFrame, m_hovered.first, m_hovered.second);
    m_plot->replot();
}

void ConnectivityHeatmap::updateColorRange() {
    // The colour range spans the cells shown, so hidden models never wash out the map.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int64_t row : m_order)
        for (int64_t col : m_order) {
            const double v = m_data.values(row, col);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    } else if (hi - lo < 1e-12) {
        const double pad = std::max(std::abs(hi) * 0.05, 1e-3);
        lo -= pad;
        hi += pad;
    }
    m_map->setDataRange(QCPRange(lo, hi));
}

bool ConnectivityHeatmap::isFaded(int64_t i, int64_t j) const {
    const size_t n = m_data.names.size();
    return !m_data.faded.empty() && m_data.faded[size_t(i) * n + size_t(j)] != 0;
}

void ConnectivityHeatmap::updateFading() {
    if (m_data.faded.empty()) {
        m_map->data()->clearAlpha();
        return;
    }
    const int64_t n = int64_t(m_order.size());
    for (int64_t r = 0; r < n; ++r)
        for (int64_t c = 0; c < n; ++c)
            m_map->data()->setAlpha(int(c), int(r),
                                    isFaded(m_order[size_t(r)], m_order[size_t(c)]) ? kFadedAlpha
                                                                                    : 255);
}

bool ConnectivityHeatmap::cellFaded(int64_t i, int64_t j) const {
    const int64_t r = positionOf(i), c = positionOf(j);
    if (r < 0 || c < 0)
        return false;
    return m_map->data()->alpha(int(c), int(r)) < 255;
}

void ConnectivityHeatmap::updateTicks(const QSize& plotSize) {
    const int64_t n = int64_t(m_order.size());
    auto xTicker = qSharedPointerCast<QCPAxisTickerText>(m_plot->xAxis->ticker());
    auto yTicker = qSharedPointerCast<QCPAxisTickerText>(m_plot->yAxis->ticker());
    xTicker->clear();
    yTicker->clear();
    if (n == 0)
        return;
    const QFontMetrics metrics(m_plot->xAxis->tickLabelFont());
    int widest = 0;
    for (const QString& name : m_data.names)
        widest = std::max(widest, metrics.horizontalAdvance(name));
    // The axis rect is about the widget minus the margins (labels, colour scale, title).
    const double side = std::max(80.0, std::min(double(plotSize.width()) - widest - 130.0,
                                                double(plotSize.height()) - widest - 90.0));
    const double perLabel = metrics.height() * 1.15;
    const int64_t step = std::max<int64_t>(1, int64_t(std::ceil(double(n) * perLabel / side)));
    for (int64_t p = 0; p < n; p += step) {
        const QString name = m_data.names[size_t(m_order[size_t(p)])];
        xTicker->addTick(double(p), name);
        yTicker->addTick(double(p), name);
    }
    // Horizontal column labels while they fit side by side; else slanted, ending at their
    // tick (reads left to right), and vertical once even slanted labels would overlap.
    const double shown = double((n + step - 1) / step);
    const bool fits = double(widest + 8) * shown < side;
    const bool slanted = double(metrics.height()) * 1.5 * shown < side;
    m_plot->xAxis->setTickLabelRotation(fits ? 0 : slanted ? -45 : -90);
}

void ConnectivityHeatmap::placeFrame(QCPItemRect* frame, int64_t i, int64_t j) {
    const int64_t r = positionOf(i), c = positionOf(j);
    if (r < 0 || c < 0) {
        frame->setVisible(false);
        return;
    }
    frame->topLeft->setCoords(double(c) - 0.5, double(r) - 0.5);
    frame->bottomRight->setCoords(double(c) + 0.5, double(r) + 0.5);
    frame->setVisible(true);
}

QString ConnectivityHeatmap::valueText(double value) const {
    if (std::isnan(value))
        return tr("not computed yet");
    return QString::number(value, 'g', 4);
}

void ConnectivityHeatmap::onMouseMove(QMouseEvent* event) {
    const auto pair = pairAt(m_plot->mapTo(this, event->pos()));
    if (pair == m_hovered)
        return;
    m_hovered = pair;
    placeFrame(m_hoverFrame, pair.first, pair.second);
    m_plot->layer(kHoverLayer)->replot();
    if (pair.first < 0) {
        QToolTip::hideText();
        emit cellHovered(-1, -1, std::nan(""));
        return;
    }
    const double value = m_data.values(pair.first, pair.second);
    const QString text =
        tr("<b>%1</b> → <b>%2</b><br>%3 = %4")
            .arg(m_data.names[size_t(pair.first)].toHtmlEscaped(),
                 m_data.names[size_t(pair.second)].toHtmlEscaped(),
                 m_data.valueName.toHtmlEscaped(), valueText(value)) +
        (isFaded(pair.first, pair.second)
             ? QStringLiteral("<br><i>%1</i>").arg(m_data.fadedNote.toHtmlEscaped())
             : QString());
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    emit cellHovered(pair.first, pair.second, value);
}

void ConnectivityHeatmap::onMousePress(QMouseEvent* event) {
    m_pressPosition = event->pos();
}

void ConnectivityHeatmap::onMouseRelease(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || (event->pos() - m_pressPosition).manhattanLength() > 4)
        return; // a drag pans the map
    const auto pair = pairAt(m_plot->mapTo(this, event->pos()));
    if (pair.first < 0)
        return;
    setSelectedPair(pair.first, pair.second);
    emit cellClicked(pair.first, pair.second);
}

void ConnectivityHeatmap::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateTicks(m_plot->size());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConnectivityHeatmap::renderTo(QCPPainter& painter, const QSize& size) {
    const bool hoverVisible = m_hoverFrame->visible();
    m_hoverFrame->setVisible(false);
    updateTicks(size);
    m_plot->toPainter(&painter, size.width(), size.height());
    m_hoverFrame->setVisible(hoverVisible);
    updateTicks(m_plot->size());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString ConnectivityHeatmap::toCsv() const {
    std::string csv = "model";
    for (int64_t model : m_order)
        csv += "," + csvField(m_data.names[size_t(model)].toStdString());
    csv += "\n";
    for (int64_t row : m_order) {
        csv += csvField(m_data.names[size_t(row)].toStdString());
        for (int64_t col : m_order)
            csv += "," + csvNumber(m_data.values(row, col));
        csv += "\n";
    }
    return QString::fromStdString(csv);
}

} // namespace bs::ui
