// Fuzz target: a study file, read whole as the GUI and `basinscope-cli info` read it. HDF5
// itself is not instrumented (the system library), so libFuzzer sees the coverage of
// BasinScope's checks and readers only; a crash inside HDF5 still ends the run as a finding.
#include "core/common/error.h"
#include "core/study/study_store.h"
#include "fuzz/fuzz_support.h"

#ifdef BS_FUZZ_LIBFUZZER
#include <cstdio>
#include <cstdlib>
#include <hdf5.h>
#endif

BS_FUZZ_TARGET(study) {
    try {
        (void)bs::readStudy(bs::fuzz::writeScratch("study.h5", bs::fuzz::asText(data, size)));
    } catch (const bs::Error&) {
    }
#ifdef BS_FUZZ_LIBFUZZER
    // HDF5's own leaks on damaged files are suppressed (fuzz/lsan_hdf5.supp); a handle that
    // BasinScope forgot to close would hide behind that, so every object must be closed here.
    if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != 0) {
        std::fprintf(stderr, "fuzz_study: %zd HDF5 objects still open after the input\n", open);
        std::abort();
    }
#endif
    return 0;
}
