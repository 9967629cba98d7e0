# Tests of the widgets library alone: linked against the torch-free model library only
# (MODEL_ONLY), so that a view reaching into the engine fails to build here.
bs_add_test(test_widgets_without_engine SOURCES test_widgets_without_engine.cpp
            LIBS basinscope_widgets LABELS gui GUI MODEL_ONLY)

# The layers as the linker sees them: the widget test's and the model library tests' programs
# need no LibTorch library, the GUI's does (so the check can tell).
add_test(NAME layers_link_interface
         COMMAND ${CMAKE_COMMAND}
                 -DWITHOUT_TORCH=$<TARGET_FILE:test_widgets_without_engine>;$<TARGET_FILE:test_barriers>
                 -DWITH_TORCH=$<TARGET_FILE:basinscope>
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_no_libtorch.cmake)
set_tests_properties(layers_link_interface PROPERTIES LABELS "packaging")
