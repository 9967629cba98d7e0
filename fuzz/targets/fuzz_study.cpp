// Fuzz target: a study file, read whole as the GUI and `basinscope-cli info` read it. HDF5
// itself is not instrumented (the system library), so libFuzzer sees the coverage of
// BasinScope's checks and readers only; a crash inside HDF5 still ends the run as a finding.
#include "core/common/error.h"
#include "core/study/study_store.h"
#include "fuzz/fuzz_support.h"

BS_FUZZ_TARGET(study) {
    try {
        (void)bs::readStudy(bs::fuzz::writeScratch("study.h5", bs::fuzz::asText(data, size)));
    } catch (const bs::Error&) {
    }
    return 0;
}
