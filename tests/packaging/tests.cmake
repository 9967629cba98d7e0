# Packaging and deployment: what the installed programs show, the desktop files, the MIME
# type and the Slurm scripts on a real Slurm. Shell scripts; exit code 77 means a tool they
# need is not installed (scripts/install-deps.sh brings them all), and ctest reports a skip.

# Six BERT checkpoints of one architecture made from the fixtures, for the script tests.
add_executable(write_test_models packaging/write_test_models.cpp)
target_link_libraries(write_test_models PRIVATE bs_test_support bs_warnings)
if(BASINSCOPE_USE_PCH)
  target_precompile_headers(write_test_models REUSE_FROM bs_test_support)
endif()

# bs_add_script_test(<name> <script> [args...] [LABELS <labels...>] [TIMEOUT <seconds>])
function(bs_add_script_test name script)
  cmake_parse_arguments(T "" "TIMEOUT" "LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/packaging/${script}
                                ${T_UNPARSED_ARGUMENTS})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${T_TIMEOUT}
                       LABELS "packaging;${T_LABELS}"
                       ENVIRONMENT "OMP_NUM_THREADS=2;OMP_WAIT_POLICY=passive")
endfunction()

set(_bs_gui_binary -)
if(BASINSCOPE_BUILD_GUI)
  set(_bs_gui_binary $<TARGET_FILE:basinscope>)
endif()
bs_add_script_test(packaging_cli_docs check_cli_docs.sh
  $<TARGET_FILE:basinscope-cli> ${_bs_gui_binary} ${PROJECT_BINARY_DIR}/packaging/man
  ${PROJECT_SOURCE_DIR}/packaging/completion/basinscope-cli.bash ${PROJECT_VERSION})
bs_add_script_test(packaging_slurm slurm_shards.sh
  $<TARGET_FILE:basinscope-cli> $<TARGET_FILE:write_test_models>
  ${PROJECT_SOURCE_DIR}/packaging/slurm ${CMAKE_CURRENT_SOURCE_DIR}/data
  LABELS slurm TIMEOUT 300)
bs_add_script_test(packaging_mime_type check_mime_type.sh
  $<TARGET_FILE:basinscope-cli> $<TARGET_FILE:write_test_models>
  ${CMAKE_CURRENT_SOURCE_DIR}/data ${PROJECT_SOURCE_DIR}/packaging/desktop/basinscope-study.xml)
if(BASINSCOPE_BUILD_GUI)
  bs_add_script_test(packaging_desktop_files check_desktop_files.sh
    ${PROJECT_SOURCE_DIR}/packaging/desktop/org.basinscope.BasinScope.desktop
    ${PROJECT_BINARY_DIR}/packaging/org.basinscope.BasinScope.metainfo.xml
    ${PROJECT_SOURCE_DIR}/packaging/desktop/basinscope-study.xml)
  bs_add_script_test(packaging_translation check_translation.sh ${PROJECT_BINARY_DIR}
    LABELS gui)
endif()
