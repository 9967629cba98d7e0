#pragma once
// PlaneSurfaceView: a loss plane as a 3D surface (VTK in a Qt 6 QOpenGLWidget).

#include "core/study/study.h"
#include "widgets/exportable_view.h"

#include <QImage>
#include <QOpenGLWidget>

#include <array>
#include <memory>
#include <optional>
#include <utility>

namespace bs::ui {

// VTK 9.1 in Debian is built for Qt 5, so VTK's own Qt widget cannot be used: this widget
// owns a vtkGenericOpenGLRenderWindow, renders it in paintGL and blits VTK's framebuffer into
// its own. Mouse and wheel go to a trackball-camera interactor (rotate, pan with the middle
// button or Shift, zoom with the wheel or the right button). The surface is warped by loss
// and coloured by it; the three models are spheres with labels; axes and a colour bar.
class PlaneSurfaceView : public QOpenGLWidget, public ExportableView {
    Q_OBJECT
public:
    explicit PlaneSurfaceView(QWidget* parent = nullptr);
    ~PlaneSurfaceView() override;

    // Redraws with the plane as it is now; the camera is reset only for a different plane.
    void setPlane(const PlaneResult& plane);
    void clear();
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    // A fixed colour range (shared by several planes), or none for this plane's own range.
    void setColorRange(std::optional<std::pair<double, double>> range);
    void resetView();

    // Points per side of the grid drawn now (0 when nothing is computed yet).
    int64_t displayedResolution() const { return m_resolution; }
    std::array<double, 3> cameraPosition() const;
    // Milliseconds the last VTK render took (-1 before the first).
    double lastRenderMilliseconds() const { return m_renderMs; }
    // The picture as shown (renders first).
    QImage image();

    QString exportName() const override { return QStringLiteral("plane-3d"); }
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int width, int height) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    struct Scene;
    void releaseGL();
    void rebuild(bool resetCamera);
    void forwardMouse(QMouseEvent* event, unsigned long vtkEvent);

    std::unique_ptr<Scene> m_scene;
    PlaneResult m_plane;
    int64_t m_resolution = 0;
    bool m_log = false;
    bool m_initialized = false;
    double m_renderMs = -1;
    std::optional<std::pair<double, double>> m_range;
};

} // namespace bs::ui
