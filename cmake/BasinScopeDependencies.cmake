# Third-party packages. Core needs LibTorch, Eigen, HDF5 and nlohmann_json only;
# Qt, QCustomPlot and VTK are looked for when the GUI or the tests are built.

find_package(Torch REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(nlohmann_json 3 REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

# LibTorch's exported flags include -D_GLIBCXX_USE_CXX11_ABI; keep them on every
# target that touches core so that std::string crosses the boundary intact.
add_library(bs_torch INTERFACE)
target_link_libraries(bs_torch INTERFACE ${TORCH_LIBRARIES})
target_include_directories(bs_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_compile_options(bs_torch INTERFACE ${TORCH_CXX_FLAGS})
if(TORCH_VERSION VERSION_GREATER_EQUAL 2.0)
  target_compile_definitions(bs_torch INTERFACE BASINSCOPE_TORCH2=1)
endif()

set(BASINSCOPE_HAVE_QT_TEST OFF)
if(BASINSCOPE_BUILD_GUI OR BASINSCOPE_BUILD_TESTS)
  find_package(Qt6 6.2 QUIET COMPONENTS Core Test)
  if(Qt6_FOUND)
    set(BASINSCOPE_HAVE_QT_TEST ON)
  elseif(BASINSCOPE_BUILD_GUI)
    message(FATAL_ERROR "Qt 6 not found; configure with -DBASINSCOPE_BUILD_GUI=OFF "
                        "to build core and basinscope-cli without Qt")
  else()
    message(STATUS "Qt 6 Test not found: tests are not built")
  endif()
endif()
if(BASINSCOPE_BUILD_GUI)
  # QCustomPlotQt6 needs Qt6::PrintSupport found first.
  find_package(Qt6 6.2 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Svg OpenGL
               OpenGLWidgets Concurrent LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
  find_package(VTK REQUIRED COMPONENTS CommonCore CommonDataModel FiltersCore
               FiltersGeneral FiltersGeometry RenderingCore RenderingOpenGL2
               RenderingAnnotation RenderingFreeType InteractionStyle IOXML
               RenderingContextOpenGL2 ImagingCore RenderingUI FiltersSources)
endif()
