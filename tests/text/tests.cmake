# Tests of text (see ../CMakeLists.txt for bs_add_test).
