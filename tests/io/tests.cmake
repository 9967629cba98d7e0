# Tests of io (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_model_config SOURCES test_model_config.cpp LABELS core io)
bs_add_test(test_safetensors SOURCES test_safetensors.cpp LABELS core io)
bs_add_test(test_torch_zip SOURCES test_torch_zip.cpp LABELS core io)
bs_add_test(test_hostile_checkpoints SOURCES test_hostile_checkpoints.cpp LABELS core io)
bs_add_test(test_hostile_configs SOURCES test_hostile_configs.cpp LABELS core io)
# The fuzz targets over their committed corpora and regression inputs (see fuzz/).
file(GLOB _bs_fuzz_target_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/fuzz/targets/fuzz_*.cpp)
bs_add_test(test_fuzz_corpora SOURCES test_fuzz_corpora.cpp ../../fuzz/fuzz_support.cpp
            ${_bs_fuzz_target_sources} LABELS core io)
