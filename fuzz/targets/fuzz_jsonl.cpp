// Fuzz target: a jsonl dataset file (first line: the spec options, e.g. filters).
#include "fuzz/targets/dataset_target.h"

BS_FUZZ_TARGET(jsonl) {
    return bs::fuzz::fuzzDataset("jsonl", data, size);
}
