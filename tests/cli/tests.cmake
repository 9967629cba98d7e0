# Tests of cli (see ../CMakeLists.txt for bs_add_test).
