# Tests of datasets (see ../CMakeLists.txt for bs_add_test).
