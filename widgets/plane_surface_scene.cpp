#include "widgets/plane_surface_scene.h"

#include "widgets/color_maps.h"
#include "widgets/plane_contour_view.h"

#include <vtkCamera.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

namespace bs::ui {

namespace {

constexpr double kText[3] = {0.12, 0.12, 0.12};

void styleText(vtkTextProperty* text, int size, bool bold = false) {
    text->SetColor(kText[0], kText[1], kText[2]);
    text->SetFontSize(size);
    text->SetBold(bold);
    text->SetItalic(false);
    text->SetShadow(false);
}

} // namespace

void PlaneSurfaceView::Scene::addActors() {
    Scene& s = *this;
    s.renderer->SetBackground(1.0, 1.0, 1.0);
    s.renderer->SetBackground2(0.86, 0.89, 0.93);
    s.renderer->GradientBackgroundOn();

    // Viridis, as in the 2D view.
    s.colors->SetNumberOfTableValues(256);
    for (int k = 0; k < 256; ++k) {
        const QColor c = viridisColor(k / 255.0);
        s.colors->SetTableValue(k, c.redF(), c.greenF(), c.blueF(), 1.0);
    }
    s.colors->SetNanColor(0.9, 0.9, 0.9, 1.0);
    s.colors->Build();

    s.geometry->SetInputData(s.grid);
    s.normals->SetInputConnection(s.geometry->GetOutputPort());
    s.normals->SplittingOff();
    s.normals->ConsistencyOn();
    s.surfaceMapper->SetInputConnection(s.normals->GetOutputPort());
    s.surfaceMapper->SetLookupTable(s.colors);
    s.surfaceMapper->UseLookupTableScalarRangeOn();
    s.surfaceMapper->SetScalarModeToUsePointData();
    s.surfaceMapper->ScalarVisibilityOn();
    s.surface->SetMapper(s.surfaceMapper);
    s.surface->GetProperty()->SetInterpolationToGouraud();
    s.surface->GetProperty()->SetAmbient(0.25);
    s.surface->GetProperty()->SetDiffuse(0.8);
    s.surface->GetProperty()->SetSpecular(0.15);
    s.renderer->AddActor(s.surface);

    for (size_t m = 0; m < 3; ++m) {
        s.spheres[m]->SetThetaResolution(32);
        s.spheres[m]->SetPhiResolution(20);
        s.sphereMappers[m]->SetInputConnection(s.spheres[m]->GetOutputPort());
        s.sphereActors[m]->SetMapper(s.sphereMappers[m]);
        const QColor c = planeModelColor(m);
        s.sphereActors[m]->GetProperty()->SetColor(c.redF(), c.greenF(), c.blueF());
        s.sphereActors[m]->GetProperty()->SetSpecular(0.4);
        s.renderer->AddActor(s.sphereActors[m]);
        vtkTextProperty* text = s.labels[m]->GetTextProperty();
        styleText(text, 15, true);
        text->SetBackgroundColor(1.0, 1.0, 1.0);
        text->SetBackgroundOpacity(0.85);
        text->SetFrame(true);
        text->SetFrameColor(c.redF(), c.greenF(), c.blueF());
        text->SetJustificationToCentered();
        text->SetVerticalJustificationToBottom();
        s.labels[m]->GetPositionCoordinate()->SetCoordinateSystemToWorld();
        s.renderer->AddActor2D(s.labels[m]);
    }
    s.triangleMapper->SetInputData(s.triangle);
    s.triangleActor->SetMapper(s.triangleMapper);
    s.triangleActor->GetProperty()->SetColor(1.0, 1.0, 1.0);
    s.triangleActor->GetProperty()->SetLineWidth(2.0);
    s.renderer->AddActor(s.triangleActor);

    s.axes->SetCamera(s.renderer->GetActiveCamera());
    s.axes->SetUse2DMode(true);
    s.axes->SetFlyModeToOuterEdges();
    s.axes->SetXTitle(PlaneSurfaceView::tr("axis 1").toUtf8().constData());
    s.axes->SetYTitle(PlaneSurfaceView::tr("axis 2").toUtf8().constData());
    s.axes->SetZTitle(PlaneSurfaceView::tr("loss").toUtf8().constData());
    s.axes->SetXLabelFormat("%-#.2g");
    s.axes->SetYLabelFormat("%-#.2g");
    s.axes->SetZLabelFormat("%-#.3g");
    for (int a = 0; a < 3; ++a) {
        styleText(s.axes->GetTitleTextProperty(a), 15, true);
        styleText(s.axes->GetLabelTextProperty(a), 13);
    }
    for (vtkProperty* p : {s.axes->GetXAxesLinesProperty(), s.axes->GetYAxesLinesProperty(),
                           s.axes->GetZAxesLinesProperty()})
        p->SetColor(0.35, 0.35, 0.35);
    s.axes->SetTickLocationToOutside();
    s.renderer->AddActor(s.axes);

    s.colorBar->SetLookupTable(s.colors);
    s.colorBar->SetTitle(PlaneSurfaceView::tr("loss").toUtf8().constData());
    s.colorBar->SetNumberOfLabels(5);
    s.colorBar->SetLabelFormat("%-#.3g");
    s.colorBar->UnconstrainedFontSizeOn();
    styleText(s.colorBar->GetTitleTextProperty(), 16, true);
    styleText(s.colorBar->GetLabelTextProperty(), 14);
    s.colorBar->SetPosition(0.9, 0.12);
    s.colorBar->SetWidth(0.09);
    s.colorBar->SetHeight(0.76);
    s.colorBar->SetBarRatio(0.3);
    s.colorBar->SetVerticalTitleSeparation(8);
    s.renderer->AddActor2D(s.colorBar);

    styleText(s.message->GetTextProperty(), 16);
    s.message->GetTextProperty()->SetJustificationToCentered();
    s.message->GetTextProperty()->SetVerticalJustificationToCentered();
    s.message->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    s.message->GetPositionCoordinate()->SetValue(0.5, 0.5);
    s.renderer->AddActor2D(s.message);
}

} // namespace bs::ui
