#pragma once
// The default memory budget for the models a computation keeps loaded (no LibTorch here, so
// that the GUI can show it).

#include <cstdint>

namespace bs {

// Half of the physical memory (4 GiB when it cannot be read).
int64_t defaultMemoryBudget();

} // namespace bs
