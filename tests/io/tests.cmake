# Tests of io (see ../CMakeLists.txt for bs_add_test).
