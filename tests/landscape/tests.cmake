# Tests of landscape (see ../CMakeLists.txt for bs_add_test).
