#include "widgets/vtk_gl_bridge.h"

#include <vtk_glew.h>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>

namespace bs::ui {

void renderVtkWindow(vtkGenericOpenGLRenderWindow* window) {
    vtkOpenGLState* state = window->GetState();
    state->Reset();
    state->Push();
    // Qt's default depth test is GL_LESS; VTK draws coplanar lines and surfaces with GL_LEQUAL.
    state->vtkglDepthFunc(GL_LEQUAL);
    window->SetReadyForRendering(true);
    window->Render();
    window->SetReadyForRendering(false);
    state->Pop();
}

void blitVtkWindow(vtkGenericOpenGLRenderWindow* window, unsigned target, int width, int height) {
    vtkOpenGLState* state = window->GetState();
    state->PushFramebufferBindings();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    window->BlitDisplayFramebuffer(0, 0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT,
                                   GL_NEAREST);
    state->PopFramebufferBindings();
}

} // namespace bs::ui
