# Tests of models (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_sequence_classifier SOURCES test_sequence_classifier.cpp LABELS core models)
bs_add_test(test_precision SOURCES test_precision.cpp LABELS core models)
