// Fuzz target: a cola dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(cola) {
    return bs::fuzz::fuzzDataset("cola", data, size);
}
