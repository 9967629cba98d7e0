# Tests of datasets (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_dataset_formats SOURCES test_dataset_formats.cpp LABELS core)
bs_add_test(test_dataset_selection SOURCES test_dataset_selection.cpp LABELS core)
bs_add_test(test_dataset_spec SOURCES test_dataset_spec.cpp LABELS core)
bs_add_test(test_dataset_errors SOURCES test_dataset_errors.cpp LABELS core)
bs_add_test(test_label_mapping SOURCES test_label_mapping.cpp LABELS core)
bs_add_test(test_hostile_datasets SOURCES test_hostile_datasets.cpp LABELS core)
