// Fuzz target: a paws dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(paws) {
    return bs::fuzz::fuzzDataset("paws", data, size);
}
