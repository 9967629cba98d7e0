# Tests of gui (see ../CMakeLists.txt for bs_add_test).
