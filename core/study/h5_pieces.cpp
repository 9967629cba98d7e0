#include "core/study/h5_pieces.h"

#include <algorithm>
#include <cstring>

namespace bs::h5 {

namespace {

// The largest single write when an updatable array is created. Linux caches a file region
// written in one large write in a large page-cache folio, and every later small write into it
// walks the whole folio: an 8-byte update cost 22 us in a region written in 40 MB writes and
// 1.4 us in one written in 4 KiB writes (ext4, kernel 6.18, a 352 MB file). In-place pair
// updates are such small writes, so arrays are first written in pieces this small.
constexpr size_t kPieceBytes = 16 * 1024;

} // namespace

Handle updatableArray(const std::vector<int64_t>& dims, int64_t chunkRows) {
    Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_EARLY);
    H5Pset_obj_track_times(dcpl.get(), 0);
    bool empty = dims.empty();
    for (const int64_t d : dims)
        empty = empty || d == 0;
    if (chunkRows > 0 && !empty) {
        H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_ALLOC);
        std::vector<hsize_t> chunk(dims.begin(), dims.end());
        chunk[0] = static_cast<hsize_t>(std::min(chunkRows, dims[0]));
        H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data());
    } else {
        H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER);
    }
    return dcpl;
}

bool writeInPieces(hid_t set, hid_t memType, const std::vector<int64_t>& dims, size_t elementBytes,
                   const void* data, const void* fill) {
    if (dims.empty())
        return true;
    size_t rowElements = 1;
    for (size_t d = 1; d < dims.size(); ++d)
        rowElements *= static_cast<size_t>(dims[d]);
    const size_t rowBytes = rowElements * elementBytes;
    if (dims[0] == 0 || rowBytes == 0)
        return true;
    const auto rowsPerPiece = static_cast<int64_t>(std::max<size_t>(1, kPieceBytes / rowBytes));
    std::vector<char> fillPiece;
    if (data == nullptr) {
        fillPiece.resize(static_cast<size_t>(rowsPerPiece) * rowBytes);
        for (size_t at = 0; at < fillPiece.size(); at += elementBytes)
            std::memcpy(fillPiece.data() + at, fill, elementBytes);
    }
    Handle fileSpace(H5Dget_space(set), H5Sclose);
    std::vector<hsize_t> start(dims.size(), 0), count(dims.begin(), dims.end());
    for (int64_t row = 0; row < dims[0]; row += rowsPerPiece) {
        const int64_t rows = std::min(rowsPerPiece, dims[0] - row);
        start[0] = static_cast<hsize_t>(row);
        count[0] = static_cast<hsize_t>(rows);
        if (H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr,
                                count.data(), nullptr) < 0)
            return false;
        Handle memSpace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                        H5Sclose);
        const void* piece =
            data == nullptr ? static_cast<const void*>(fillPiece.data())
                            : static_cast<const char*>(data) + static_cast<size_t>(row) * rowBytes;
        if (H5Dwrite(set, memType, memSpace.get(), fileSpace.get(), H5P_DEFAULT, piece) < 0)
            return false;
    }
    return true;
}

} // namespace bs::h5
