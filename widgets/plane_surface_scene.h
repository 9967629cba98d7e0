#pragma once
// PlaneSurfaceView's VTK scene: the render window, the surface pipeline and the actors, and how
// they look. Internal to the view (plane_surface_view.cpp and plane_surface_scene.cpp).

#include "widgets/plane_surface_view.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCubeAxesActor.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>
#include <vtkStructuredGrid.h>
#include <vtkStructuredGridGeometryFilter.h>
#include <vtkTextActor.h>

namespace bs::ui {

struct PlaneSurfaceView::Scene {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkStructuredGrid> grid;
    vtkNew<vtkStructuredGridGeometryFilter> geometry;
    vtkNew<vtkPolyDataNormals> normals;
    vtkNew<vtkPolyDataMapper> surfaceMapper;
    vtkNew<vtkActor> surface;
    vtkNew<vtkLookupTable> colors;
    vtkNew<vtkScalarBarActor> colorBar;
    vtkNew<vtkCubeAxesActor> axes;
    vtkNew<vtkSphereSource> spheres[3];
    vtkNew<vtkPolyDataMapper> sphereMappers[3];
    vtkNew<vtkActor> sphereActors[3];
    vtkNew<vtkTextActor> labels[3]; // anchored at world points, drawn over the scene
    vtkNew<vtkPolyData> triangle;
    vtkNew<vtkPolyDataMapper> triangleMapper;
    vtkNew<vtkActor> triangleActor;
    vtkNew<vtkTextActor> message;
    vtkNew<vtkCallbackCommand> makeCurrent, isCurrent, renderRequest;

    // Styles the actors (colours, fonts, axes, colour bar, labels) and adds them to the
    // renderer; the data arrive later (PlaneSurfaceView::rebuild).
    void addActors();
};

} // namespace bs::ui
