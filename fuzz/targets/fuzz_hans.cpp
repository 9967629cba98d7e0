// Fuzz target: a hans dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(hans) {
    return bs::fuzz::fuzzDataset("hans", data, size);
}
