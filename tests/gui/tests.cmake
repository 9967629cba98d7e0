# Tests of gui (see ../CMakeLists.txt for bs_add_test).
# Tests that build the main window need a display (Xvfb): the window holds the 3D plane view, a
# QOpenGLWidget, which the offscreen platform cannot composite. The rest run offscreen.

# Studies built from the fixture models, shared by the GUI tests (compiled once).
add_library(bs_gui_test_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/gui_fixture.cpp)
target_link_libraries(bs_gui_test_fixture PUBLIC bs_test_support basinscope_core
                      PRIVATE bs_warnings)
if(BASINSCOPE_USE_PCH)
  target_precompile_headers(bs_gui_test_fixture REUSE_FROM bs_test_support)
endif()

bs_add_test(test_gui_logic SOURCES test_gui_logic.cpp LIBS basinscope_gui LABELS gui GUI)
bs_add_test(test_gui_views SOURCES test_gui_views.cpp LIBS basinscope_gui bs_gui_test_fixture
            Qt6::Svg ${HDF5_C_LIBRARIES} LABELS gui GUI NEEDS_DISPLAY)
target_include_directories(test_gui_views SYSTEM PRIVATE ${HDF5_C_INCLUDE_DIRS})
bs_add_test(test_gui_compute SOURCES test_gui_compute.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui GUI NEEDS_DISPLAY)
bs_add_test(test_gui_figures SOURCES test_gui_figures.cpp LIBS bs_gui_test_fixture Qt6::Gui
            LABELS gui GUI)
target_compile_definitions(test_gui_figures PRIVATE BS_GUI_PATH="$<TARGET_FILE:basinscope>")
add_dependencies(test_gui_figures basinscope)
# A benchmark: prints the hover repaint time of a 100 x 100 map; asserts the hovered cells.
bs_add_test(bench_heatmap_hover SOURCES bench_heatmap_hover.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui benchmark GUI NEEDS_DISPLAY)

# The shared precompiled header (ATen + QtTest) is built without Qt Gui; these targets define
# QT_GUI_LIB, so GCC would skip it with a warning. They include no LibTorch header anyway.
set_target_properties(test_gui_logic test_gui_views test_gui_compute test_gui_figures
                      bench_heatmap_hover PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)

# Loss planes (2D contours, 3D VTK surface) and the Clusters panel. The 3D
# view needs OpenGL, so these run under Xvfb (scripts/run-tests provides it).
bs_add_test(test_plane_views SOURCES test_plane_views.cpp LIBS basinscope_gui Qt6::Svg
            VTK::IOXML LABELS gui GUI NEEDS_DISPLAY)
bs_add_test(test_cluster_views SOURCES test_cluster_views.cpp LIBS basinscope_gui Qt6::Svg
            LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_plane_views test_cluster_views PROPERTIES
                      DISABLE_PRECOMPILE_HEADERS ON)
# A trajectory surface computed by the real job on the zoo's checkpoints, drawn with its path.
bs_add_test(test_trajectory_view SOURCES test_trajectory_view.cpp LIBS basinscope_gui Qt6::Svg
            LABELS gui GUI)
set_target_properties(test_trajectory_view PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
# Compute Hessian: the core job in the background, top eigenvalue and trace as Models table
# columns (under Xvfb: the window holds the 3D plane view).
bs_add_test(test_hessian_columns SOURCES test_hessian_columns.cpp LIBS basinscope_gui
            LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_hessian_columns PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
# Train Curve…: the core curve job in the background, the curve beside the straight line with
# both barriers, exports and cancel (under Xvfb: the window holds the 3D plane view).
bs_add_test(test_trained_curves SOURCES test_trained_curves.cpp LIBS basinscope_gui
            LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_trained_curves PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)

# Window layout at 1280x800 to 1920x1200: hints read whole, plots fill their cells. Under Xvfb
# (the window holds the 3D plane view); BS_SCREENSHOT_DIR keeps pictures of the checked views.
bs_add_test(test_panel_layout SOURCES test_panel_layout.cpp layout_checks.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_panel_layout PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)

# What a study opens on: the strongest barrier, final models by diagnostic accuracy, the stored
# clustering (under Xvfb: the window holds the 3D plane view).
bs_add_test(test_opening_view SOURCES test_opening_view.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_opening_view PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)

# Barrier attribution, flipped examples and soups: each view with a result of its real job on
# the fixture models, exported to PNG/SVG/PDF/CSV (under Xvfb: the window holds the 3D view).
bs_add_test(test_analysis_views SOURCES test_analysis_views.cpp
            LIBS basinscope_gui bs_gui_test_fixture Qt6::Svg LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_analysis_views PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
# Bootstrap intervals in the connectivity map, computed by the real job on per-example losses.
bs_add_test(test_bootstrap_view SOURCES test_bootstrap_view.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui GUI NEEDS_DISPLAY)
set_target_properties(test_bootstrap_view PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)

# Panels without a main window: the document, the real job runner and a model selection are
# all they need (offscreen).
bs_add_test(test_panels_standalone SOURCES test_panels_standalone.cpp
            LIBS basinscope_gui bs_gui_test_fixture LABELS gui GUI)
set_target_properties(test_panels_standalone PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
