# Tests of text (see ../CMakeLists.txt for bs_add_test).
bs_add_test(test_unicode SOURCES test_unicode.cpp LABELS core)
bs_add_test(test_wordpiece_tokenizer SOURCES test_wordpiece_tokenizer.cpp LABELS core)
bs_add_test(test_tokenize_cli SOURCES test_tokenize_cli.cpp LABELS cli)
# The CLI test runs the executable, so it must be built first.
add_dependencies(test_tokenize_cli basinscope-cli)
