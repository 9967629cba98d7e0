#include "core/study/h5_file.h"

#include "core/study/h5_pieces.h"
#include "core/study/h5_types.h"

#include <cstring>
#include <limits>

namespace bs::h5 {

void File::createGroup(const std::string& path, bool trackOrder) {
    Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
    if (trackOrder)
        H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    Handle group(H5Gcreate2(m_file.get(), path.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                 H5Gclose);
    if (!group.valid())
        fail(path, "cannot create the group");
}

void File::writeDoubles(const std::string& path, const std::vector<int64_t>& dims,
                        const double* data, int64_t chunkRows) {
    Handle space = simpleSpace(dims);
    Handle dcpl = updatableArray(dims, chunkRows);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &nan);
    Handle set(H5Dcreate2(m_file.get(), path.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                          dcpl.get(), H5P_DEFAULT),
               H5Dclose);
    if (!set.valid())
        fail(path, "cannot create the dataset");
    // Without data the array holds NaN (written here, or by HDF5's fill when chunked); the
    // fill value also tells readers such as h5py what an unwritten value means.
    const bool written =
        chunkRows > 0
            ? data == nullptr || elementCount(space.get()) == 0 ||
                  H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0
            : writeInPieces(set.get(), H5T_NATIVE_DOUBLE, dims, sizeof(double), data, &nan);
    if (!written)
        fail(path, "cannot write the values");
}

void File::writeInts(const std::string& path, const std::vector<int64_t>& values) {
    Handle space = simpleSpace({static_cast<int64_t>(values.size())});
    Handle dcpl = updatableArray({static_cast<int64_t>(values.size())}, 0);
    Handle set(H5Dcreate2(m_file.get(), path.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT,
                          dcpl.get(), H5P_DEFAULT),
               H5Dclose);
    if (!set.valid())
        fail(path, "cannot create the dataset");
    if (!writeInPieces(set.get(), H5T_NATIVE_INT64, {static_cast<int64_t>(values.size())},
                       sizeof(int64_t), values.data(), nullptr))
        fail(path, "cannot write the values");
}

void File::writeStrings(const std::string& path, const std::vector<std::string>& values) {
    Handle type = utf8Type();
    Handle space = simpleSpace({static_cast<int64_t>(values.size())});
    Handle set(H5Dcreate2(m_file.get(), path.c_str(), type.get(), space.get(), H5P_DEFAULT,
                          H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose);
    if (!set.valid())
        fail(path, "cannot create the dataset");
    std::vector<const char*> text;
    for (const auto& v : values)
        text.push_back(v.c_str());
    if (!text.empty() &&
        H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) < 0)
        fail(path, "cannot write the values");
}

void File::writeFixedStrings(const std::string& path, const std::vector<std::string>& values,
                             size_t width) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), width);
    H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    const auto n = static_cast<int64_t>(values.size());
    Handle space = simpleSpace({n});
    Handle dcpl = updatableArray({n}, 0);
    Handle set(H5Dcreate2(m_file.get(), path.c_str(), type.get(), space.get(), H5P_DEFAULT,
                          dcpl.get(), H5P_DEFAULT),
               H5Dclose);
    if (!set.valid())
        fail(path, "cannot create the dataset");
    std::vector<char> buffer(width * values.size(), '\0');
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i].size() > width)
            fail(path,
                 "value '" + values[i] + "' is longer than " + std::to_string(width) + " bytes");
        std::memcpy(buffer.data() + i * width, values[i].data(), values[i].size());
    }
    if (!writeInPieces(set.get(), type.get(), {n}, width, buffer.data(), nullptr))
        fail(path, "cannot write the values");
}

} // namespace bs::h5
