#pragma once
// Pair scheduling: an order of model pairs that reuses what the model cache holds.

#include <cstdint>
#include <utility>
#include <vector>

namespace bs {

using ModelPair = std::pair<int64_t, int64_t>; // i < j

// All pairs i < j of n models.
std::vector<ModelPair> allPairs(int64_t n);

// Orders `pairs` so that a cache of `capacity` models (>= 2) loads each model as few times as
// possible: models are tiled into blocks of capacity/2, and the pairs of one block pair are
// done together while the first block stays resident. With capacity >= n the order is the
// natural one (row by row).
std::vector<ModelPair> schedulePairs(std::vector<ModelPair> pairs, int64_t models,
                                     int64_t capacity);

// The k-th of n shards (1-based k) of a pair list: every n-th pair starting at k-1, so shards
// are balanced and disjoint and their union is the list.
std::vector<ModelPair> shardPairs(const std::vector<ModelPair>& pairs, int64_t k, int64_t n);

// How many model loads an LRU cache of `capacity` needs for `order` (for tests and reports).
int64_t countLoads(const std::vector<ModelPair>& order, int64_t capacity);

} // namespace bs
