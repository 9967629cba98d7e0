#pragma once
// PlanePanel: choose three models, compute the loss plane in the background, and show it in
// 2D (contours) and 3D (surface) as it refines.

#include "app/gui/job_types.h"
#include "core/jobs/direction_job.h"
#include "core/jobs/plane_job.h"
#include "widgets/exportable_view.h"
#include "widgets/view_exporter.h"

#include <QElapsedTimer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QToolButton;

Q_DECLARE_METATYPE(bs::PlaneResult)

namespace bs::ui {

class Settings;
class StudyJobRunner;
class PlaneContourView;
class PlaneSurfaceView;
class StudyDocument;
struct StudyJobContext;

class PlanePanel : public QWidget, public ExportableView {
    Q_OBJECT
public:
    PlanePanel(StudyDocument* document, StudyJobRunner* runner, Settings* settings,
               QWidget* parent = nullptr);
    // The models selected in the models table: three of them become the plane's corners.
    void onSelection(const std::vector<int64_t>& models);

    PlaneContourView* contourView() const { return m_contour; }
    // The 3D view, made when its tab is first shown; nullptr before, or without OpenGL.
    PlaneSurfaceView* surfaceView() const { return m_surface; }
    // Whether this display can show the 3D view (OpenGL 3.2 core; not the offscreen platform).
    static bool openGLAvailable();
    QTabWidget* tabs() const { return m_tabs; }

    // The plane the controls describe (three models, dataset, resolution, margin).
    PlaneRequest request() const;
    void setModels(const std::vector<std::string>& names);
    void setResolution(int resolution);
    void setMargin(double margin);
    // Starts the background job; false when none could start (no study, a job running).
    bool computePlane();
    // The surface around one model the "Around" row describes (dataset and resolution from
    // the row above, made odd), and the job that computes it.
    DirectionSurfaceRequest surfaceRequest() const;
    void setSurfaceRequest(const DirectionSurfaceRequest& request);
    bool computeSurface();
    // The plane shown (empty id when none).
    const PlaneResult& shownPlane() const { return m_plane; }
    // Shows study.planes[index] of the open study.
    void showStoredPlane(int index);
    void setShowMetric(bool metric);
    void setLogScale(bool on);
    void setSharedColorScale(bool on);
    void show3D(bool on);

    // Timings of the last computed plane in this panel, milliseconds (-1 unknown).
    double firstPictureMs() const { return m_firstPictureMs; }
    double totalMs() const { return m_totalMs; }
    // Grid levels drawn while the last plane computed (sizes of the drawn sub-grids).
    const std::vector<int64_t>& drawnLevels() const { return m_drawnLevels; }

    // Exports: the current tab as an image (PNG/SVG/PDF in 2D, PNG in 3D), the grid as VTK
    // (.vts) or CSV. Each returns an empty string or a message naming the problem.
    QString exportImage(const QString& path, const ExportOptions& options = {});
    QString exportGridVts(const QString& path) const;
    QString exportGridCsv(const QString& path) const;

    QString exportName() const override;
    void renderTo(QCPPainter& painter, const QSize& size) override;
    QString toCsv() const override;

signals:
    // The shown plane changed or refined.
    void planeShown(int64_t drawnResolution);
    void statusMessage(const QString& text);

private:
    void rebuild(); // the study changed
    bool startPlaneJob(const QString& title, std::function<void(StudyJobContext&)> body);
    void ensureSurfaceView();
    void fillModelBoxes();
    void refreshPlaneList();
    void display(const PlaneResult& plane);
    void applyColorRange();
    void onResult(const PlaneResult& plane);
    void onJobFinished(JobOutcome outcome);
    void exportWithDialog(int what);
    QString metricName() const;

    StudyJobRunner* m_runner;
    Settings* m_settings;
    StudyDocument* m_document;
    QComboBox* m_modelBoxes[3];
    QComboBox* m_datasetBox;
    QSpinBox* m_resolutionBox;
    QDoubleSpinBox* m_marginBox;
    QPushButton* m_computeButton;
    QPushButton* m_cancelButton;
    QComboBox* m_centreBox;
    QSpinBox* m_seedBox;
    QComboBox* m_biasesBox;
    QDoubleSpinBox* m_rangeBox;
    QPushButton* m_surfaceButton;
    QComboBox* m_planeBox;
    QComboBox* m_quantityBox;
    QCheckBox* m_logBox;
    QCheckBox* m_sharedBox;
    QToolButton* m_resetButton;
    QToolButton* m_exportButton;
    QTabWidget* m_tabs;
    PlaneContourView* m_contour;
    QWidget* m_surfacePage;
    PlaneSurfaceView* m_surface = nullptr;
    bool m_surfaceTried = false;
    QLabel* m_status;
    PlaneResult m_plane;
    bool m_computing = false;
    bool m_updating = false;
    QElapsedTimer m_timer;
    double m_firstPictureMs = -1;
    double m_totalMs = -1;
    std::vector<int64_t> m_drawnLevels;
};

} // namespace bs::ui
