// Fuzz target: a qqp dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(qqp) {
    return bs::fuzz::fuzzDataset("qqp", data, size);
}
