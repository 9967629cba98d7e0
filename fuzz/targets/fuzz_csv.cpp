// Fuzz target: a csv dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(csv) {
    return bs::fuzz::fuzzDataset("csv", data, size);
}
