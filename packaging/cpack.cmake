# Debian packages made by CPack from the install rules (one per component, see CMakeLists.txt).
# CPack rather than a debian/ folder with dpkg-buildpackage: the install layout is written once,
# in CMake, and the package is made from the same build tree (and ccache) as the tests, while
# dpkg-buildpackage would rebuild everything with Debian's compiler flags and keep a second
# description of the layout in debian/rules. dpkg-shlibdeps still derives the dependencies.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME basinscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The BasinScope developers")
set(CPACK_PACKAGE_CONTACT
    "BasinScope maintainers <maintainers@users.noreply.r-seed-c9890e32.example>")
set(CPACK_PACKAGE_HOMEPAGE_URL ${BASINSCOPE_HOMEPAGE})
set(CPACK_STRIP_FILES ON)
# Each package's description starts with its own synopsis; the project-wide summary CPack
# would otherwise put in front of it is left out.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli demo)
if(BASINSCOPE_BUILD_GUI)
  list(APPEND CPACK_COMPONENTS_ALL gui)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${BASINSCOPE_DEBIAN_REVISION})
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Runtime libraries come from Debian 12; dpkg-shlibdeps turns the ELF files' needs into the
# exact package list (runtime libraries only, never -dev packages).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME basinscope-cli)
# Debian's LibTorch reaches BLAS through the libblas.so.3 alternative, which on a clean system
# is the single-threaded reference BLAS: the installed demo then took several times as long as
# in the build tree. OpenBLAS registers itself as the preferred provider.
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libopenblas0-pthread | libopenblas0")
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS basinscope-demo)
set(CPACK_DEBIAN_CLI_PACKAGE_SUGGESTS "slurm-client, hdf5-tools")
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "loss-surface studies of fine-tuned networks (command line)
BasinScope evaluates Hugging Face BERT, RoBERTa and DistilBERT checkpoints,
interpolates linearly between every pair of models and measures the barrier
between them (convexity gap, barrier height, peak excess), clusters the models
by it and evaluates loss planes. Results are kept in one HDF5 study file.

This package contains basinscope-cli, which computes studies without a
display, also sharded over the nodes of a cluster with the Slurm scripts in
/usr/share/basinscope/slurm.")

set(CPACK_DEBIAN_DEMO_PACKAGE_NAME basinscope-demo)
set(CPACK_DEBIAN_DEMO_PACKAGE_ARCHITECTURE all)
set(CPACK_COMPONENT_DEMO_DESCRIPTION
    "demo zoo of small models for BasinScope
Small BERT classifiers fine-tuned from one pre-trained encoder on a synthetic
task, with the task's in-domain and diagnostic evaluation sets; BasinScope
made all of it itself (basinscope-cli zoo), so it needs no downloads.

`basinscope-cli demo` builds and computes the study of this zoo in a minute
or two, and the explorer opens it from its Help menu.")

set(CPACK_DEBIAN_GUI_PACKAGE_NAME basinscope)
# The explorer runs `basinscope-cli demo`; Qt's own strings (dialogs) come translated with
# qt6-translations-l10n.
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS
    "basinscope-cli (= ${PROJECT_VERSION}-${BASINSCOPE_DEBIAN_REVISION})")
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "basinscope-demo, qt6-translations-l10n")
set(CPACK_COMPONENT_GUI_DESCRIPTION
    "explorer of the loss surface between fine-tuned networks
BasinScope evaluates Hugging Face BERT, RoBERTa and DistilBERT checkpoints,
interpolates linearly between every pair of models and measures the barrier
between them (convexity gap, barrier height, peak excess), clusters the models
by it and evaluates loss planes. Results are kept in one HDF5 study file.

This package contains the desktop explorer: connectivity heatmaps,
interpolation curves, loss planes in 2D and 3D and clusters, computed in the
background and exported as PNG, SVG, PDF and CSV; study files open from the
file manager.")

include(CPack)
