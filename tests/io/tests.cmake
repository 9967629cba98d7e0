# Tests of io (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_model_config SOURCES test_model_config.cpp LABELS core io)
bs_add_test(test_safetensors SOURCES test_safetensors.cpp LABELS core io)
bs_add_test(test_torch_zip SOURCES test_torch_zip.cpp LABELS core io)
bs_add_test(test_hostile_checkpoints SOURCES test_hostile_checkpoints.cpp LABELS core io)
