#include "widgets/plane_contour_view.h"
#include "widgets/plot_fonts.h"

#include "core/study/plane_export.h"
#include "widgets/color_maps.h"
#include "widgets/trajectory_labels.h"

#include <QMouseEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

QString number(double v) {
    return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–");
}

constexpr int kIsoLevels = 9;

} // namespace

QColor planeModelColor(size_t index) {
    static const QColor colors[] = {QColor(0xe1, 0x57, 0x59), QColor(0xf2, 0x8e, 0x2b),
                                    QColor(0x76, 0xb7, 0xb2)};
    return colors[index % 3];
}

PlaneContourView::PlaneContourView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    layout->addWidget(m_plot);
    const QFont base = font();

    m_title = new QCPTextElement(m_plot, QString(), withPoints(base, 11, true));
    m_readout = new QCPTextElement(m_plot, QStringLiteral(" "), withPoints(base, 9));
    m_readout->setTextColor(QColor(0x50, 0x50, 0x50));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->plotLayout()->addElement(1, 0, m_readout);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(2, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(14);
    m_scale->axis()->setTickLabelFont(withPoints(base, 9));
    m_scale->axis()->setLabelFont(withPoints(base, 9.5));
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(withPoints(base, 9));
        axis->setLabelFont(withPoints(base, 9.5));
        axis->grid()->setVisible(false);
    }
    m_plot->xAxis->setLabel(tr("plane axis 1 (towards the second model)"));
    m_plot->yAxis->setLabel(tr("plane axis 2"));

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setColorScale(m_scale);
    m_map->setGradient(viridisGradient());
    m_map->setInterpolate(true);
    m_map->setTightBoundary(false);

    m_triangle = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_triangle->setPen(QPen(QColor(255, 255, 255, 230), 1.6, Qt::DashLine));
    m_triangle->setScatterStyle(QCPScatterStyle::ssNone);
    // White line and dots: no colour of the viridis map is white, so the path shows on any.
    m_path = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_path->setPen(QPen(QColor(255, 255, 255, 235), 1.8));
    m_path->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(QColor(0x20, 0x20, 0x20), 1.2), QBrush(Qt::white), 9));
    m_path->setSelectable(QCP::stNone);
    m_path->removeFromLegend();
    static const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare, QCPScatterStyle::ssDiamond};
    for (size_t m = 0; m < 3; ++m) {
        QCPGraph* marker = m_plot->addGraph();
        marker->setLineStyle(QCPGraph::lsNone);
        marker->setScatterStyle(
            QCPScatterStyle(shapes[m], QPen(Qt::white, 1.8), QBrush(planeModelColor(m)), 12));
        m_markers.push_back(marker);
        auto* label = new QCPItemText(m_plot);
        label->setFont(withPoints(base, 9.5, true));
        label->setColor(QColor(0x20, 0x20, 0x20));
        label->setBrush(QColor(255, 255, 255, 215));
        label->setPen(QPen(planeModelColor(m), 1));
        label->setPadding(QMargins(4, 1, 4, 1));
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->setClipToAxisRect(false);
        m_markerLabels.push_back(label);
    }

    m_emptyLabel = new QCPItemText(m_plot);
    m_emptyLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyLabel->position->setCoords(0.5, 0.5);
    m_emptyLabel->setPositionAlignment(Qt::AlignCenter);
    m_emptyLabel->setFont(withPoints(base, 10.5));
    m_emptyLabel->setColor(QColor(0x50, 0x50, 0x50));
    m_emptyLabel->setBrush(QColor(255, 255, 255, 200));
    m_emptyLabel->setPadding(QMargins(6, 3, 6, 3));

    // Layers, bottom to top: colour map, iso-lines with their values, models and triangle.
    m_plot->addLayer(QStringLiteral("map"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limBelow);
    m_plot->addLayer(QStringLiteral("iso"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limBelow);
    m_map->setLayer(QStringLiteral("map"));
    connect(m_plot, &QCustomPlot::beforeReplot, this, &PlaneContourView::fitAspect);
    connect(m_plot, &QCustomPlot::mouseMove, this, &PlaneContourView::onMouseMove);
    setMouseTracking(true);
    setMinimumSize(320, 280);
    rebuild();
}

PlaneContourView::~PlaneContourView() = default;

void PlaneContourView::setPlane(const PlaneResult& plane, const QString& metricName) {
    m_plane = plane;
    m_metricName = metricName;
    rebuild();
}

void PlaneContourView::clear() {
    m_plane = PlaneResult();
    rebuild();
}

void PlaneContourView::setQuantity(PlaneQuantity quantity) {
    m_quantity = quantity;
    rebuild();
}

void PlaneContourView::setLogScale(bool on) {
    m_log = on;
    rebuild();
}

void PlaneContourView::setColorRange(std::optional<std::pair<double, double>> range) {
    m_range = range;
    rebuild();
}

QString PlaneContourView::quantityName() const {
    return m_quantity == PlaneQuantity::Loss ? tr("loss") : m_metricName;
}

void PlaneContourView::rebuild() {
    for (QCPCurve* line : m_isoLines)
        m_plot->removePlottable(line);
    for (QCPItemText* label : m_isoLabels)
        m_plot->removeItem(label);
    m_isoLines.clear();
    m_isoLabels.clear();
    m_levels.clear();

    const bool havePlane = m_plane.resolution > 0 && m_plane.models.size() == 3 &&
                           m_plane.modelX.size() == 3 && m_plane.modelY.size() == 3;
    m_grid = havePlane ? planeDisplayGrid(m_plane, m_quantity) : PlaneDisplayGrid();
    const QString name = quantityName();
    const bool surface = havePlane && m_plane.directions.has_value();
    const bool trajectory = havePlane && m_plane.trajectory.has_value();
    const QString quantity = name.left(1).toUpper() + name.mid(1);
    const QString dataset = QString::fromStdString(m_plane.dataset);
    if (trajectory)
        m_title->setText(
            tr("%1 on %2: trajectory of %3")
                .arg(quantity, dataset, QString::fromStdString(m_plane.trajectory->run)));
    else if (surface)
        m_title->setText(
            tr("%1 on %2: around %3 along random directions (seed %4, biases %5)")
                .arg(quantity, dataset, QString::fromStdString(m_plane.models[0]))
                .arg(m_plane.directions->seed)
                .arg(QString::fromLatin1(biasTreatmentName(m_plane.directions->biases))));
    else
        m_title->setText(havePlane ? tr("%1 on %2: plane through %3, %4, %5")
                                         .arg(quantity, dataset,
                                              QString::fromStdString(m_plane.models[0]),
                                              QString::fromStdString(m_plane.models[1]),
                                              QString::fromStdString(m_plane.models[2]))
                                   : tr("Loss plane"));
    // A surface's coordinates are multiples of its filter-normalized directions.
    m_plot->xAxis->setLabel(surface ? tr("direction 1")
                                    : tr("plane axis 1 (towards the second model)"));
    m_plot->yAxis->setLabel(surface ? tr("direction 2") : tr("plane axis 2"));
    if (trajectory) {
        m_plot->xAxis->setLabel(trajectoryAxisTitle(*m_plane.trajectory, 0));
        m_plot->yAxis->setLabel(trajectoryAxisTitle(*m_plane.trajectory, 1));
    }
    m_scale->axis()->setLabel(name);
    m_emptyLabel->setVisible(m_grid.empty());
    m_emptyLabel->setText(havePlane ? tr("Computing the first grid level…")
                                    : tr("Choose three models and Compute Plane"));

    // Markers and triangle: known as soon as the plane exists. A surface has its centre only.
    const size_t markers = havePlane ? planeModels(m_plane).size() : 0;
    QVector<double> tx, ty;
    for (size_t m = 0; m < 3; ++m) {
        m_markers[m]->data()->clear();
        m_markerLabels[m]->setVisible(m < markers);
        if (m >= markers)
            continue;
        m_markers[m]->addData(m_plane.modelX[m], m_plane.modelY[m]);
        m_markers[m]->setName(QString::fromStdString(m_plane.models[m]));
        m_markerLabels[m]->setText(QString::fromStdString(m_plane.models[m]));
        // A few pixels above the marker: the offset is set in plot units from the grid step.
        const double lift = (m_plane.yMax - m_plane.yMin) * 0.025;
        m_markerLabels[m]->position->setCoords(m_plane.modelX[m], m_plane.modelY[m] + lift);
        tx << m_plane.modelX[m];
        ty << m_plane.modelY[m];
    }
    if (markers == 3) {
        tx << m_plane.modelX[0];
        ty << m_plane.modelY[0];
    } else {
        tx.clear(), ty.clear();
    }
    m_triangle->setData(tx, ty);
    rebuildPath();

    // Colour range: the drawn values (or the shared range), positive for a log scale.
    double low = 0, high = 1;
    bool haveRange = false;
    if (m_range) {
        low = m_range->first;
        high = m_range->second;
        haveRange = std::isfinite(low) && std::isfinite(high);
    } else if (!m_grid.empty()) {
        const auto [lo, hi] =
            std::minmax_element(m_grid.field.values.begin(), m_grid.field.values.end());
        low = *lo;
        high = *hi;
        haveRange = true;
    }
    if (haveRange && high <= low)
        high = low + std::max(std::abs(low) * 1e-3, 1e-9);
    const bool log = m_log && haveRange && low > 0;
    m_scale->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_map->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);

    if (!m_grid.empty()) {
        const GridField& f = m_grid.field;
        auto* data = new QCPColorMapData(int(f.nx), int(f.ny), QCPRange(f.x(0), f.x(f.nx - 1)),
                                         QCPRange(f.y(0), f.y(f.ny - 1)));
        for (int64_t j = 0; j < f.ny; ++j)
            for (int64_t i = 0; i < f.nx; ++i)
                data->setCell(int(i), int(j), f.values[size_t(j * f.nx + i)]);
        m_map->setData(data, false);
        m_map->setVisible(true);
        m_map->setDataRange(QCPRange(low, high));

        // Iso-lines inside the colour range of this plane's values.
        const auto [lo, hi] = std::minmax_element(f.values.begin(), f.values.end());
        const double a = std::max(*lo, low), b = std::min(*hi, high);
        m_levels = niceLevels(std::min(low, high), std::max(low, high), kIsoLevels, log);
        m_levels.erase(std::remove_if(m_levels.begin(), m_levels.end(),
                                      [&](double v) { return v <= a || v >= b; }),
                       m_levels.end());
        std::vector<IsoLine> lines;
        try {
            lines = contourLines(f, m_levels);
        } catch (const std::exception&) {
            lines.clear(); // non-finite values (a diverged point): the colours still show it
        }
        const double extent = std::max(m_plane.xMax - m_plane.xMin, m_plane.yMax - m_plane.yMin);
        const QFont labelFont = withPoints(font(), 8);
        std::vector<const IsoLine*> longest(m_levels.size(), nullptr);
        for (const IsoLine& line : lines) {
            auto* curve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
            curve->setData(QVector<double>(line.x.begin(), line.x.end()),
                           QVector<double>(line.y.begin(), line.y.end()));
            curve->setPen(QPen(QColor(20, 20, 20, 150), 1.0));
            curve->setSelectable(QCP::stNone);
            curve->removeFromLegend();
            curve->setLayer(QStringLiteral("iso"));
            m_isoLines.push_back(curve);
            const size_t k =
                size_t(std::find(m_levels.begin(), m_levels.end(), line.level) - m_levels.begin());
            if (k < longest.size() && (!longest[k] || line.length() > longest[k]->length()))
                longest[k] = &line;
        }
        for (const IsoLine* line : longest) {
            if (!line || line->length() < 0.12 * extent)
                continue;
            const size_t mid = line->x.size() / 2;
            auto* label = new QCPItemText(m_plot);
            label->position->setCoords(line->x[mid], line->y[mid]);
            label->setText(QString::number(line->level, 'g', 3));
            label->setFont(labelFont);
            label->setColor(QColor(0x10, 0x10, 0x10));
            label->setBrush(QColor(255, 255, 255, 170));
            label->setPadding(QMargins(2, 0, 2, 0));
            label->setSelectable(false);
            label->setLayer(QStringLiteral("iso"));
            m_isoLabels.push_back(label);
        }
    } else {
        m_map->data()->clear();
        m_map->setVisible(false);
        if (haveRange)
            m_map->setDataRange(QCPRange(low, high));
    }
    if (havePlane) {
        m_plot->xAxis->setRange(m_plane.xMin, m_plane.xMax);
        m_plot->yAxis->setRange(m_plane.yMin, m_plane.yMax);
    } else {
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
    }
    m_readout->setText(QStringLiteral(" "));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlaneContourView::rebuildPath() {
    for (QCPItemText* label : m_pathLabels)
        m_plot->removeItem(label);
    m_pathLabels.clear();
    const bool havePlane = m_plane.resolution > 0 && m_plane.modelX.size() == 3;
    const TrajectoryAxes* axes = havePlane && m_plane.trajectory ? &*m_plane.trajectory : nullptr;
    // The projections are NaN until the components are computed: no path before then.
    const auto known = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double c) { return std::isfinite(c); });
    };
    if (!axes || axes->x.size() != axes->models.size() || axes->y.size() != axes->models.size() ||
        !known(axes->x) || !known(axes->y)) {
        m_path->data()->clear();
        return;
    }
    QVector<double> px, py;
    for (size_t c = 0; c < axes->models.size(); ++c) {
        px << axes->x[c];
        py << axes->y[c];
    }
    // The run ends at its final model, the centre of the surface.
    px << m_plane.modelX[0];
    py << m_plane.modelY[0];
    m_path->setData(px, py);
    const double lift = (m_plane.yMax - m_plane.yMin) * 0.02;
    for (size_t c = 0; c < axes->models.size(); ++c) {
        auto* label = new QCPItemText(m_plot);
        label->setText(checkpointLabel(axes->models[c]));
        label->setFont(withPoints(font(), 8.5));
        label->setColor(QColor(0x20, 0x20, 0x20));
        label->setBrush(QColor(255, 255, 255, 200));
        label->setPadding(QMargins(3, 0, 3, 0));
        // Below the dot: the final model's name sits above its marker, and the last
        // checkpoint is usually close to it.
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setCoords(axes->x[c], axes->y[c] - lift);
        label->setSelectable(false);
        m_pathLabels.push_back(label);
    }
}

// Plane coordinates are lengths in parameter space: one unit is the same length on both axes
// (the grid is square), so the triangle's angles are the true ones.
void PlaneContourView::fitAspect() {
    if (m_plane.resolution <= 0)
        return;
    QCPAxis* x = m_plot->xAxis;
    QCPAxis* y = m_plot->yAxis;
    x->setRange(m_plane.xMin, m_plane.xMax);
    y->setRange(m_plane.yMin, m_plane.yMax);
    const QRect r = m_plot->axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0)
        return;
    if ((m_plane.xMax - m_plane.xMin) / r.width() > (m_plane.yMax - m_plane.yMin) / r.height())
        y->setScaleRatio(x, 1.0);
    else
        x->setScaleRatio(y, 1.0);
}

double PlaneContourView::valueAt(double x, double y) const {
    if (m_grid.empty())
        return kNaN;
    const GridField& f = m_grid.field;
    const double fi = (x - f.x0) / f.dx, fj = (y - f.y0) / f.dy;
    if (fi < -0.5 || fj < -0.5 || fi > double(f.nx) - 0.5 || fj > double(f.ny) - 0.5)
        return kNaN;
    const int64_t i = std::clamp<int64_t>(std::llround(fi), 0, f.nx - 1);
    const int64_t j = std::clamp<int64_t>(std::llround(fj), 0, f.ny - 1);
    return f.values[size_t(j * f.nx + i)];
}

QString PlaneContourView::readout(double x, double y) const {
    if (m_plane.resolution <= 0)
        return {};
    QString text = tr("x = %1, y = %2").arg(number(x), number(y));
    const double value = valueAt(x, y);
    if (std::isfinite(value))
        text += tr("   %1 %2").arg(quantityName(), number(value));
    // Near a model: its exact value (the grid rarely has a node on it).
    const std::vector<double>& exact =
        m_quantity == PlaneQuantity::Loss ? m_plane.modelLoss : m_plane.modelMetric;
    for (size_t m = 0; m < planeModels(m_plane).size() && m < m_plane.modelX.size(); ++m) {
        const double px = m_plot->xAxis->coordToPixel(m_plane.modelX[m]);
        const double py = m_plot->yAxis->coordToPixel(m_plane.modelY[m]);
        const double qx = m_plot->xAxis->coordToPixel(x), qy = m_plot->yAxis->coordToPixel(y);
        if (std::hypot(px - qx, py - qy) <= 8 && m < exact.size())
            text += tr("   %1: %2 %3")
                        .arg(QString::fromStdString(m_plane.models[m]), quantityName(),
                             number(exact[m]));
    }
    return text;
}

QString PlaneContourView::hoverText() const {
    return m_readout->text().trimmed();
}

void PlaneContourView::onMouseMove(QMouseEvent* event) {
    if (m_plane.resolution <= 0)
        return;
    const double x = m_plot->xAxis->pixelToCoord(event->position().x());
    const double y = m_plot->yAxis->pixelToCoord(event->position().y());
    const bool inside =
        x >= m_plane.xMin && x <= m_plane.xMax && y >= m_plane.yMin && y <= m_plane.yMax;
    const QString text = inside ? readout(x, y) : QString();
    m_readout->setText(text.isEmpty() ? QStringLiteral(" ") : text);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit hovered(text);
}

void PlaneContourView::renderTo(QCPPainter& painter, const QSize& size) {
    // Lay the plot out at the export size first so the equal-aspect ranges fit it.
    const QRect old = m_plot->viewport();
    m_plot->setViewport(QRect(QPoint(0, 0), size));
    for (auto phase :
         {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        m_plot->plotLayout()->update(phase);
    fitAspect();
    m_plot->toPainter(&painter, size.width(), size.height());
    m_plot->setViewport(old);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString PlaneContourView::toCsv() const {
    if (m_plane.resolution <= 0)
        return QStringLiteral("point,x,y,loss,metric\n");
    return QString::fromStdString(planeCsv(m_plane));
}

} // namespace bs::ui
