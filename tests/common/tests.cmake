bs_add_test(test_progress SOURCES test_progress.cpp LABELS core)
