#pragma once
// Rendering a VTK window inside a Qt 6 OpenGL context (kept apart: VTK's GL loader header and
// Qt's OpenGL headers must not meet in one translation unit).

class vtkGenericOpenGLRenderWindow;

namespace bs::ui {

// Renders `window` into its own framebuffers in the current context, resetting VTK's cache of
// the GL state first (Qt changed it since the last frame).
void renderVtkWindow(vtkGenericOpenGLRenderWindow* window);

// Copies VTK's display framebuffer (width x height pixels) into framebuffer object `target`.
void blitVtkWindow(vtkGenericOpenGLRenderWindow* window, unsigned target, int width, int height);

} // namespace bs::ui
