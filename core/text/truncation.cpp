#include "core/text/truncation.h"

#include <algorithm>

namespace bs {

std::pair<std::size_t, std::size_t> longestFirstLengths(std::size_t first, std::size_t second,
                                                        std::size_t budget) {
    if (first + second <= budget)
        return {first, second};
    const bool swapped = first > second;
    std::size_t shorter = swapped ? second : first;
    std::size_t longer;
    // The shorter one keeps its length if the longer one can absorb the whole cut.
    longer = shorter > budget ? shorter : std::max(shorter, budget - shorter);
    if (shorter + longer > budget) {
        shorter = budget / 2;
        longer = shorter + budget % 2;
    }
    // `longer` is now only an upper bound: a sequence never grows.
    std::size_t keepFirst = swapped ? longer : shorter;
    std::size_t keepSecond = swapped ? shorter : longer;
    return {std::min(keepFirst, first), std::min(keepSecond, second)};
}

} // namespace bs
