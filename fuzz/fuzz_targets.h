#pragma once
// The list of fuzz targets, for the test that runs them over the committed corpora with the
// normal compiler (fuzz/CMakeLists.txt builds the same files as libFuzzer programs).

#include <cstddef>
#include <cstdint>

#define BS_FUZZ_TARGET_LIST(X)                                                                     \
    X(safetensors)                                                                                 \
    X(sharded_index)                                                                               \
    X(torch_zip)                                                                                   \
    X(unpickler)                                                                                   \
    X(model_config)                                                                                \
    X(wordpiece)                                                                                   \
    X(mnli)                                                                                        \
    X(qqp)                                                                                         \
    X(cola)                                                                                        \
    X(hans)                                                                                        \
    X(paws)                                                                                        \
    X(jsonl)                                                                                       \
    X(csv)                                                                                         \
    X(dataset_spec)                                                                                \
    X(study)

#define BS_FUZZ_DECLARE(name) int bsFuzz_##name(const uint8_t* data, size_t size);
BS_FUZZ_TARGET_LIST(BS_FUZZ_DECLARE)
#undef BS_FUZZ_DECLARE
