# Tests of models (see ../CMakeLists.txt for bs_add_test).
