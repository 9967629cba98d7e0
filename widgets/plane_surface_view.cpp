#include "widgets/plane_surface_view.h"
#include "widgets/plane_surface_scene.h"

#include "core/study/plane_export.h"
#include "widgets/color_maps.h"
#include "widgets/plane_contour_view.h"
#include "widgets/plane_display_grid.h"
#include "widgets/trajectory_labels.h"
#include "widgets/vtk_gl_bridge.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QPainter>
#include <QWheelEvent>
#include <qcustomplot.h>

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCubeAxesActor.h>
#include <vtkDoubleArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>
#include <vtkStructuredGrid.h>
#include <vtkStructuredGridGeometryFilter.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace bs::ui {

namespace {

void onMakeCurrent(vtkObject*, unsigned long, void* self, void*) {
    auto* view = static_cast<PlaneSurfaceView*>(self);
    if (view->context() && QOpenGLContext::currentContext() != view->context())
        view->makeCurrent();
}

void onIsCurrent(vtkObject*, unsigned long, void* self, void* current) {
    auto* view = static_cast<PlaneSurfaceView*>(self);
    *static_cast<bool*>(current) =
        view->context() && QOpenGLContext::currentContext() == view->context();
}

// The interactor asks for a render after every camera change: schedule a paint instead.
void onRenderRequest(vtkObject*, unsigned long, void* self, void*) {
    static_cast<PlaneSurfaceView*>(self)->update();
}

// Bilinear value of the field at (x, y), clamped to the grid.
double bilinear(const GridField& f, double x, double y) {
    const double fi = std::clamp((x - f.x0) / f.dx, 0.0, double(f.nx - 1));
    const double fj = std::clamp((y - f.y0) / f.dy, 0.0, double(f.ny - 1));
    const int64_t i = std::min<int64_t>(int64_t(fi), f.nx - 2);
    const int64_t j = std::min<int64_t>(int64_t(fj), f.ny - 2);
    const double u = fi - double(i), v = fj - double(j);
    auto at = [&](int64_t a, int64_t b) {
        return f.values[size_t(b * f.nx + a)];
    };
    return (1 - u) * (1 - v) * at(i, j) + u * (1 - v) * at(i + 1, j) + (1 - u) * v * at(i, j + 1) +
           u * v * at(i + 1, j + 1);
}

} // namespace

PlaneSurfaceView::PlaneSurfaceView(QWidget* parent)
    : QOpenGLWidget(parent)
    , m_scene(std::make_unique<Scene>()) {
    // VTK's OpenGL2 backend needs a 3.2 core profile context.
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setAlphaBufferSize(8);
    setFormat(format);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 280);

    Scene& s = *m_scene;
    s.window->SetFrameBlitModeToNoBlit();
    s.window->SetReadyForRendering(false);
    s.window->SetMultiSamples(4);
    s.makeCurrent->SetCallback(onMakeCurrent);
    s.makeCurrent->SetClientData(this);
    s.isCurrent->SetCallback(onIsCurrent);
    s.isCurrent->SetClientData(this);
    s.renderRequest->SetCallback(onRenderRequest);
    s.renderRequest->SetClientData(this);
    s.window->AddObserver(vtkCommand::WindowMakeCurrentEvent, s.makeCurrent);
    s.window->AddObserver(vtkCommand::WindowIsCurrentEvent, s.isCurrent);
    s.window->AddRenderer(s.renderer);
    s.interactor->SetRenderWindow(s.window);
    s.interactor->SetInteractorStyle(s.style);
    s.interactor->EnableRenderOff();
    s.interactor->AddObserver(vtkCommand::RenderEvent, s.renderRequest);
    s.interactor->Initialize();

    s.addActors();
    rebuild(true);
}

PlaneSurfaceView::~PlaneSurfaceView() {
    // Free VTK's GL resources while their context still exists.
    if (context())
        releaseGL();
    m_scene.reset();
}

void PlaneSurfaceView::setPlane(const PlaneResult& plane) {
    const bool same = plane.id == m_plane.id && plane.models == m_plane.models &&
                      plane.resolution == m_plane.resolution && m_resolution > 0;
    m_plane = plane;
    rebuild(!same);
}

void PlaneSurfaceView::clear() {
    m_plane = PlaneResult();
    rebuild(true);
}

void PlaneSurfaceView::setLogScale(bool on) {
    m_log = on;
    rebuild(false);
}

void PlaneSurfaceView::setColorRange(std::optional<std::pair<double, double>> range) {
    m_range = range;
    rebuild(false);
}

void PlaneSurfaceView::rebuild(bool resetCamera) {
    Scene& s = *m_scene;
    const bool havePlane = m_plane.resolution > 0 && m_plane.models.size() == 3 &&
                           m_plane.modelX.size() == 3 && m_plane.modelY.size() == 3;
    const PlaneDisplayGrid grid =
        havePlane ? planeDisplayGrid(m_plane, PlaneQuantity::Loss) : PlaneDisplayGrid();
    const bool wasEmpty = m_resolution == 0;
    m_resolution = grid.field.nx;
    const bool show = !grid.empty();
    s.surface->SetVisibility(show);
    s.axes->SetVisibility(show);
    s.colorBar->SetVisibility(show);
    // A surface around one model has its centre only, and no triangle.
    const size_t markers = havePlane ? planeModels(m_plane).size() : 0;
    s.triangleActor->SetVisibility(show && markers == 3);
    for (size_t m = 0; m < 3; ++m) {
        s.sphereActors[m]->SetVisibility(show && m < markers);
        s.labels[m]->SetVisibility(show && m < markers);
    }
    const bool surface = havePlane && m_plane.directions.has_value();
    QString xTitle = surface ? tr("direction 1") : tr("axis 1");
    QString yTitle = surface ? tr("direction 2") : tr("axis 2");
    if (havePlane && m_plane.trajectory) {
        xTitle = trajectoryAxisTitle(*m_plane.trajectory, 0);
        yTitle = trajectoryAxisTitle(*m_plane.trajectory, 1);
    }
    s.axes->SetXTitle(xTitle.toUtf8().constData());
    s.axes->SetYTitle(yTitle.toUtf8().constData());
    s.message->SetVisibility(!show);
    s.message->SetInput(havePlane
                            ? tr("Computing the first grid level…").toUtf8().constData()
                            : tr("Choose three models and Compute Plane").toUtf8().constData());
    if (!show) {
        update();
        return;
    }

    const GridField& f = grid.field;
    auto [lo, hi] = std::minmax_element(f.values.begin(), f.values.end());
    double zMin = *lo, zMax = *hi;
    for (double v : m_plane.modelLoss)
        if (std::isfinite(v))
            zMin = std::min(zMin, v), zMax = std::max(zMax, v);
    if (zMax <= zMin)
        zMax = zMin + std::max(std::abs(zMin) * 1e-3, 1e-9);
    const double extent = std::max(m_plane.xMax - m_plane.xMin, m_plane.yMax - m_plane.yMin);
    // The loss axis is stretched so that its range is half the plane's width.
    const double zScale = 0.5 * extent / (zMax - zMin);
    auto height = [&](double loss) {
        return (loss - zMin) * zScale;
    };

    vtkNew<vtkPoints> points;
    vtkNew<vtkDoubleArray> scalars;
    scalars->SetName("loss");
    points->SetNumberOfPoints(vtkIdType(f.values.size()));
    scalars->SetNumberOfTuples(vtkIdType(f.values.size()));
    for (int64_t j = 0; j < f.ny; ++j)
        for (int64_t i = 0; i < f.nx; ++i) {
            const vtkIdType k = vtkIdType(j * f.nx + i);
            points->SetPoint(k, f.x(i), f.y(j), height(f.values[size_t(k)]));
            scalars->SetValue(k, f.values[size_t(k)]);
        }
    s.grid->SetDimensions(int(f.nx), int(f.ny), 1);
    s.grid->SetPoints(points);
    s.grid->GetPointData()->SetScalars(scalars);
    s.grid->Modified();

    double cLow = zMin, cHigh = zMax;
    if (m_range && std::isfinite(m_range->first) && std::isfinite(m_range->second) &&
        m_range->second > m_range->first) {
        cLow = m_range->first;
        cHigh = m_range->second;
    }
    const bool log = m_log && cLow > 0;
    if (log)
        s.colors->SetScaleToLog10();
    else
        s.colors->SetScaleToLinear();
    s.colors->SetRange(cLow, cHigh);
    s.colors->Build();

    for (size_t m = 0; m < markers; ++m) {
        const double x = m_plane.modelX[m], y = m_plane.modelY[m];
        const double loss = m < m_plane.modelLoss.size() && std::isfinite(m_plane.modelLoss[m])
                                ? m_plane.modelLoss[m]
                                : bilinear(f, x, y);
        s.spheres[m]->SetCenter(x, y, height(loss));
        s.spheres[m]->SetRadius(0.022 * extent);
        s.labels[m]->SetInput(m_plane.models[m].c_str());
        s.labels[m]->GetPositionCoordinate()->SetValue(x, y, height(loss) + 0.045 * extent);
    }
    // The triangle follows the surface (the loss between two models is their interpolation
    // curve, not a straight line), lifted a little so it stays visible.
    vtkNew<vtkPoints> edge;
    vtkNew<vtkCellArray> lines;
    constexpr int kSamples = 48;
    if (markers == 3)
        lines->InsertNextCell(3 * kSamples + 1);
    for (int e = 0; e < 3 && markers == 3; ++e) {
        const size_t a = size_t(e), b = size_t((e + 1) % 3);
        for (int k = 0; k < kSamples; ++k) {
            const double t = double(k) / kSamples;
            const double x = m_plane.modelX[a] + t * (m_plane.modelX[b] - m_plane.modelX[a]);
            const double y = m_plane.modelY[a] + t * (m_plane.modelY[b] - m_plane.modelY[a]);
            lines->InsertCellPoint(
                edge->InsertNextPoint(x, y, height(bilinear(f, x, y)) + 0.004 * extent));
        }
    }
    if (markers == 3)
        lines->InsertCellPoint(0);
    s.triangle->SetPoints(edge);
    s.triangle->SetLines(lines);
    s.triangle->Modified();

    s.axes->SetBounds(m_plane.xMin, m_plane.xMax, m_plane.yMin, m_plane.yMax, 0.0, height(zMax));
    s.axes->SetXAxisRange(m_plane.xMin, m_plane.xMax);
    s.axes->SetYAxisRange(m_plane.yMin, m_plane.yMax);
    s.axes->SetZAxisRange(zMin, zMax);
    if (resetCamera || wasEmpty)
        resetView();
    update();
}

void PlaneSurfaceView::resetView() {
    Scene& s = *m_scene;
    vtkCamera* camera = s.renderer->GetActiveCamera();
    if (m_plane.resolution > 0) {
        const double cx = 0.5 * (m_plane.xMin + m_plane.xMax);
        const double cy = 0.5 * (m_plane.yMin + m_plane.yMax);
        const double extent = std::max(m_plane.xMax - m_plane.xMin, m_plane.yMax - m_plane.yMin);
        camera->SetFocalPoint(cx, cy, 0.2 * extent);
        camera->SetPosition(cx - 0.9 * extent, cy - 1.6 * extent, 1.4 * extent);
        camera->SetViewUp(0, 0, 1);
    }
    // The same view every time: the angle is fixed before fitting the surface.
    camera->SetViewAngle(30.0);
    s.renderer->ResetCamera(s.surface->GetBounds());
    camera->Dolly(1.1);
    s.renderer->ResetCameraClippingRange();
    update();
}

std::array<double, 3> PlaneSurfaceView::cameraPosition() const {
    double p[3];
    m_scene->renderer->GetActiveCamera()->GetPosition(p);
    return {p[0], p[1], p[2]};
}

void PlaneSurfaceView::initializeGL() {
    m_scene->window->InitializeFromCurrentContext();
    m_initialized = true;
    // Reparenting recreates the context: free VTK's resources in the old one.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &PlaneSurfaceView::releaseGL,
            Qt::UniqueConnection);
}

void PlaneSurfaceView::releaseGL() {
    if (!m_initialized)
        return;
    makeCurrent();
    m_scene->window->Finalize();
    m_initialized = false;
    doneCurrent();
}

void PlaneSurfaceView::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    const int w = int(std::lround(width * ratio)), h = int(std::lround(height * ratio));
    m_scene->interactor->UpdateSize(w, h);
    m_scene->window->SetSize(w, h);
}

void PlaneSurfaceView::paintGL() {
    if (!m_initialized)
        return;
    const qreal ratio = devicePixelRatioF();
    const int w = int(std::lround(width() * ratio)), h = int(std::lround(height() * ratio));
    int* size = m_scene->window->GetSize();
    if (size[0] != w || size[1] != h)
        resizeGL(width(), height());
    QElapsedTimer timer;
    timer.start();
    renderVtkWindow(m_scene->window);
    blitVtkWindow(m_scene->window, defaultFramebufferObject(), w, h);
    m_renderMs = double(timer.nsecsElapsed()) / 1e6;
}

QImage PlaneSurfaceView::image() {
    return grabFramebuffer();
}

void PlaneSurfaceView::forwardMouse(QMouseEvent* event, unsigned long vtkEvent) {
    const qreal ratio = devicePixelRatioF();
    vtkGenericRenderWindowInteractor* iren = m_scene->interactor;
    const Qt::KeyboardModifiers mods = event->modifiers();
    iren->SetEventInformationFlipY(int(std::lround(event->position().x() * ratio)),
                                   int(std::lround(event->position().y() * ratio)),
                                   (mods & Qt::ControlModifier) ? 1 : 0,
                                   (mods & Qt::ShiftModifier) ? 1 : 0);
    iren->SetAltKey((mods & Qt::AltModifier) ? 1 : 0);
    iren->InvokeEvent(vtkEvent, event);
}

void PlaneSurfaceView::mousePressEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton:
        forwardMouse(event, vtkCommand::LeftButtonPressEvent);
        break;
    case Qt::MiddleButton:
        forwardMouse(event, vtkCommand::MiddleButtonPressEvent);
        break;
    case Qt::RightButton:
        forwardMouse(event, vtkCommand::RightButtonPressEvent);
        break;
    default:
        break;
    }
    event->accept();
}

void PlaneSurfaceView::mouseReleaseEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton:
        forwardMouse(event, vtkCommand::LeftButtonReleaseEvent);
        break;
    case Qt::MiddleButton:
        forwardMouse(event, vtkCommand::MiddleButtonReleaseEvent);
        break;
    case Qt::RightButton:
        forwardMouse(event, vtkCommand::RightButtonReleaseEvent);
        break;
    default:
        break;
    }
    event->accept();
}

void PlaneSurfaceView::mouseMoveEvent(QMouseEvent* event) {
    forwardMouse(event, vtkCommand::MouseMoveEvent);
    event->accept();
}

void PlaneSurfaceView::wheelEvent(QWheelEvent* event) {
    const qreal ratio = devicePixelRatioF();
    vtkGenericRenderWindowInteractor* iren = m_scene->interactor;
    iren->SetEventInformationFlipY(int(std::lround(event->position().x() * ratio)),
                                   int(std::lround(event->position().y() * ratio)),
                                   (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                   (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
    const int delta = event->angleDelta().y();
    if (delta > 0)
        iren->InvokeEvent(vtkCommand::MouseWheelForwardEvent, event);
    else if (delta < 0)
        iren->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, event);
    event->accept();
}

void PlaneSurfaceView::renderTo(QCPPainter& painter, const QSize& size) {
    const QImage picture = image();
    if (picture.isNull())
        return;
    // The VTK picture keeps its aspect ratio, centred on white.
    const QSize fitted = picture.size().scaled(size, Qt::KeepAspectRatio);
    const QRect target(
        QPoint((size.width() - fitted.width()) / 2, (size.height() - fitted.height()) / 2), fitted);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    painter.drawImage(target, picture);
}

QString PlaneSurfaceView::toCsv() const {
    if (m_plane.resolution <= 0)
        return QStringLiteral("point,x,y,loss,metric\n");
    return QString::fromStdString(planeCsv(m_plane));
}

} // namespace bs::ui
