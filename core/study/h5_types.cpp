#include "core/study/h5_types.h"

#include <limits>

#include <unistd.h>

namespace bs::h5 {

Handle utf8Type() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    return type;
}

Handle simpleSpace(const std::vector<int64_t>& dims) {
    std::vector<hsize_t> d(dims.begin(), dims.end());
    return Handle(H5Screate_simple(static_cast<int>(d.size()), d.data(), nullptr), H5Sclose);
}

std::vector<int64_t> spaceDims(hid_t space) {
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank <= 0)
        return {};
    std::vector<hsize_t> d(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space, d.data(), nullptr);
    return std::vector<int64_t>(d.begin(), d.end());
}

int64_t elementCount(hid_t space) {
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    return n < 0 ? 0 : static_cast<int64_t>(n);
}

uint64_t physicalMemory() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(size)
                                 : std::numeric_limits<uint64_t>::max();
}

void reclaim(hid_t type, hid_t space, void* buffer) {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(type, space, H5P_DEFAULT, buffer);
#else
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer);
#endif
}

} // namespace bs::h5
