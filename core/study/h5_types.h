#pragma once
// The HDF5 types and dataspaces the h5::File parts share: UTF-8 text, simple spaces, their
// sizes, and reading text of either length kind. Internal to core/study.

#include "core/study/h5_handle.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace bs::h5 {

// A variable-length UTF-8 string type, the text type h5py reads as str.
Handle utf8Type();
Handle simpleSpace(const std::vector<int64_t>& dims);
std::vector<int64_t> spaceDims(hid_t space);
int64_t elementCount(hid_t space);
// The machine's memory in bytes: no array larger than it can be read, whatever a file claims.
uint64_t physicalMemory();
// Frees the variable-length values HDF5 allocated into `buffer`.
void reclaim(hid_t type, hid_t space, void* buffer);

// Reads n strings of a dataset or attribute (`read` does the H5Dread/H5Aread), variable-length
// or fixed-length, so that files made by h5py or other tools read too.
template <typename Read>
std::vector<std::string> readText(hid_t fileType, hid_t space, int64_t n, Read read) {
    std::vector<std::string> out;
    out.reserve(static_cast<size_t>(n));
    if (n == 0)
        return out;
    if (H5Tis_variable_str(fileType) > 0) {
        Handle mem = utf8Type();
        std::vector<char*> buffer(static_cast<size_t>(n), nullptr);
        if (read(mem.get(), buffer.data()) < 0)
            return {};
        for (char* s : buffer)
            out.emplace_back(s ? s : "");
        reclaim(mem.get(), space, buffer.data());
        return out;
    }
    // One byte more than the file's strings: a null-padded string that fills its field would
    // otherwise lose its last character to the terminator.
    const size_t size = H5Tget_size(fileType) + 1;
    Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem.get(), size);
    H5Tset_strpad(mem.get(), H5T_STR_NULLTERM);
    H5Tset_cset(mem.get(), H5Tget_cset(fileType));
    std::vector<char> buffer(size * static_cast<size_t>(n));
    if (read(mem.get(), buffer.data()) < 0)
        return {};
    for (int64_t i = 0; i < n; ++i) {
        const char* s = buffer.data() + size * static_cast<size_t>(i);
        out.emplace_back(s, strnlen(s, size));
    }
    return out;
}

} // namespace bs::h5
