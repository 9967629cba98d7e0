// Fuzz target: a Hugging Face config.json.
#include "core/common/error.h"
#include "core/io/model_config.h"
#include "fuzz/fuzz_support.h"

BS_FUZZ_TARGET(model_config) {
    try {
        (void)bs::readModelConfig(
            bs::fuzz::writeScratch("config.json", bs::fuzz::asText(data, size)));
    } catch (const bs::Error&) {
    }
    return 0;
}
