#include "core/common/memory_budget.h"

#include <unistd.h>

namespace bs {

int64_t defaultMemoryBudget() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return int64_t(4) << 30;
    return static_cast<int64_t>(pages) * pageSize / 2;
}

} // namespace bs
