# Tests of study (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_study_model SOURCES test_study_model.cpp study_samples.cpp LABELS core)
bs_add_test(test_study_store SOURCES test_study_store.cpp study_samples.cpp LABELS core)
bs_add_test(test_study_processes SOURCES test_study_processes.cpp study_samples.cpp LABELS core)
bs_add_test(test_study_writer SOURCES test_study_writer.cpp study_samples.cpp LABELS core)
bs_add_test(test_study_byte_flips SOURCES test_study_byte_flips.cpp byte_flip_run.cpp study_samples.cpp LABELS core)
bs_add_test(test_study_faults SOURCES test_study_faults.cpp small_filesystem.cpp study_samples.cpp LABELS core)
bs_add_test(test_example_losses SOURCES test_example_losses.cpp LABELS core)
bs_add_test(test_damaged_studies SOURCES test_damaged_studies.cpp study_samples.cpp LABELS core)
# Finds the raw bytes of a text dataset with HDF5 itself, to damage them on purpose.
target_include_directories(test_damaged_studies SYSTEM PRIVATE ${HDF5_C_INCLUDE_DIRS})
target_link_libraries(test_damaged_studies PRIVATE ${HDF5_C_LIBRARIES})
bs_add_test(test_vocabulary SOURCES test_vocabulary.cpp study_samples.cpp LABELS core)
bs_add_test(test_vocabulary_lint SOURCES test_vocabulary_lint.cpp LABELS core)
bs_add_test(test_result_stores SOURCES test_result_stores.cpp study_samples.cpp LABELS core)
# Damages fields with HDF5 itself.
target_include_directories(test_result_stores SYSTEM PRIVATE ${HDF5_C_INCLUDE_DIRS})
target_link_libraries(test_result_stores PRIVATE ${HDF5_C_LIBRARIES})
bs_add_test(test_matrix_diagonal SOURCES test_matrix_diagonal.cpp study_samples.cpp LABELS core)
# Reads the matrices with HDF5 itself, independently of BasinScope's reader.
target_include_directories(test_matrix_diagonal SYSTEM PRIVATE ${HDF5_C_INCLUDE_DIRS})
target_link_libraries(test_matrix_diagonal PRIVATE ${HDF5_C_LIBRARIES})
