# Tests of analysis (see ../CMakeLists.txt for bs_add_test).
