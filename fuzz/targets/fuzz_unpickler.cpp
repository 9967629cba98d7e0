// Fuzz target: the restricted unpickler on data.pkl bytes alone (no zip, no tensors), so
// that mutations reach the opcode handling directly and fast.
#include "core/common/error.h"
#include "core/io/state_dict_unpickler.h"
#include "fuzz/fuzz_support.h"

BS_FUZZ_TARGET(unpickler) {
    try {
        (void)bs::unpickleStateDict(data, size, "data.pkl");
    } catch (const bs::Error&) {
    }
    return 0;
}
