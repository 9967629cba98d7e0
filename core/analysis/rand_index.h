#pragma once
// Adjusted Rand index: agreement of two clusterings of the same items, corrected for chance.

#include <span>

namespace bs {

// Hubert & Arabie's ARI (sklearn.metrics.adjusted_rand_score): 1 for identical partitions up
// to relabeling, about 0 for independent ones, negative below chance. Labels may be
// any ints; throws bs::Error when the lengths differ. Two trivial partitions that agree (both one
// cluster, or both all singletons, or n < 2) give 1.
double adjustedRandIndex(std::span<const int> a, std::span<const int> b);

} // namespace bs
