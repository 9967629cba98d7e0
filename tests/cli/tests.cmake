bs_add_test(test_cli_study SOURCES test_cli_study.cpp LABELS cli TIMEOUT 600)
add_dependencies(test_cli_study basinscope-cli)
