# Tests of the demo zoo (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_toy_language SOURCES test_toy_language.cpp LABELS core zoo)
bs_add_test(test_mini_zoo SOURCES test_mini_zoo.cpp LABELS core zoo)
bs_add_test(test_committed_zoo SOURCES test_committed_zoo.cpp LABELS core zoo TIMEOUT 600)
