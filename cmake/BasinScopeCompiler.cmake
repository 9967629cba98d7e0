# Compiler launcher, warnings and sanitizer settings shared by every target.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # Precompiled headers are only cached when ccache tolerates their defines and
  # timestamps; without this every LibTorch translation unit misses the cache.
  # BASEDIR/NOHASHDIR make paths relative, so separate build folders and clones share hits.
  set(_bs_ccache ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" "CCACHE_NOHASHDIR=1"
      ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${_bs_ccache})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${_bs_ccache})
endif()

add_library(bs_warnings INTERFACE)
target_compile_options(bs_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)

option(BASINSCOPE_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(BASINSCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
