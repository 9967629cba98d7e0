#pragma once
// Creating arrays that are later updated in place: their creation properties, and their first
// values written in small pieces. Internal to core/study.

#include "core/study/h5_handle.h"

#include <cstdint>
#include <vector>

namespace bs::h5 {

// Creation properties of an array whose values may later be updated in place. Contiguous
// arrays get their first values from writeInPieces, never from HDF5's fill (see there).
Handle updatableArray(const std::vector<int64_t>& dims, int64_t chunkRows);

// Writes the whole contiguous array `set` (dimensions `dims`, elements of `elementBytes` in
// memory type `memType`) in pieces of whole rows of at most kPieceBytes where rows allow:
// `data` when given, else every element equal to `fill`.
bool writeInPieces(hid_t set, hid_t memType, const std::vector<int64_t>& dims, size_t elementBytes,
                   const void* data, const void* fill);

} // namespace bs::h5
