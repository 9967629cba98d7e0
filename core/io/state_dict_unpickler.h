#pragma once
// unpickleStateDict: a restricted unpickler for the data.pkl of torch.save(state_dict).

#include "core/io/tensor_record.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bs {

// One tensor of the state dict as the pickle describes it; the bytes live in the
// archive record "data/<storageKey>".
struct PickledTensor {
    std::string name;
    DType dtype = DType::F32;
    std::string storageKey;
    int64_t storageNumel = 0;  // elements of the storage, not of this tensor
    int64_t storageOffset = 0; // elements
    std::vector<int64_t> sizes;
    std::vector<int64_t> strides; // elements, non-negative
};

// Runs only the opcodes torch.save emits for a state dict (protocol 2, plus the
// protocol 4 FRAME/MEMOIZE/SHORT_BINUNICODE) and accepts only the globals a state dict
// needs: collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter,
// and the torch.*Storage types. Any other global (os.system, builtins.eval, ...) is
// refused by name: loading a checkpoint must never run code. The top-level object
// must be a dict of name -> tensor. Every tensor's sizes/strides/offset are checked to
// stay inside its storage. Errors are bs::Error messages beginning with `file`.
std::vector<PickledTensor> unpickleStateDict(const uint8_t* data, size_t size,
                                             const std::string& file);

} // namespace bs
