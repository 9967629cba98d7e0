// Fuzz target: a mnli dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(mnli) {
    return bs::fuzz::fuzzDataset("mnli", data, size);
}
