# Tests of study (see ../CMakeLists.txt for bs_add_test).
