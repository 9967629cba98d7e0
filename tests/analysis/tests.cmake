# Tests of analysis (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_barriers SOURCES test_barriers.cpp LABELS core analysis MODEL_ONLY)
bs_add_test(test_distance SOURCES test_distance.cpp LABELS core analysis MODEL_ONLY)
bs_add_test(test_kmeans SOURCES test_kmeans.cpp LABELS core analysis MODEL_ONLY)
bs_add_test(test_spectral_clustering SOURCES test_spectral_clustering.cpp LABELS core analysis MODEL_ONLY)
bs_add_test(test_statistics SOURCES test_statistics.cpp LABELS core analysis MODEL_ONLY)
