#include "core/study/h5_file.h"

#include "core/study/h5_types.h"

#include <cstring>

namespace bs::h5 {

namespace {

// The file space of `set` with the block [start, start + count) selected; an invalid handle
// when the block does not fit the array.
Handle selectBlock(hid_t set, const std::vector<int64_t>& start,
                   const std::vector<int64_t>& count) {
    Handle space(H5Dget_space(set), H5Sclose);
    const auto dims = spaceDims(space.get());
    if (dims.size() != start.size() || start.size() != count.size())
        return {};
    for (size_t d = 0; d < dims.size(); ++d)
        if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > dims[d])
            return {};
    std::vector<hsize_t> s(start.begin(), start.end()), c(count.begin(), count.end());
    if (H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, s.data(), nullptr, c.data(), nullptr) < 0)
        return {};
    return space;
}

} // namespace

hid_t File::updatedDataset(const std::string& path) {
    auto it = m_updated.find(path);
    if (it == m_updated.end())
        it = m_updated.emplace(path, openDataset(path)).first;
    return it->second.get();
}

void File::updateDoubles(const std::string& path, const std::vector<int64_t>& start,
                         const std::vector<int64_t>& count, const double* data) {
    const hid_t set = updatedDataset(path);
    Handle fileSpace = selectBlock(set, start, count);
    if (!fileSpace.valid())
        fail(path, "cannot update the block at " + formatShape(start) + " of size " +
                       formatShape(count) + "; the array has another shape");
    Handle memSpace = simpleSpace(count);
    if (H5Dwrite(set, H5T_NATIVE_DOUBLE, memSpace.get(), fileSpace.get(), H5P_DEFAULT, data) < 0)
        fail(path, "cannot write the values (is the disk full?)");
}

void File::updateInt(const std::string& path, int64_t index, int64_t value) {
    const hid_t set = updatedDataset(path);
    Handle fileSpace = selectBlock(set, {index}, {1});
    if (!fileSpace.valid())
        fail(path, "has no element " + std::to_string(index));
    Handle memSpace = simpleSpace({1});
    if (H5Dwrite(set, H5T_NATIVE_INT64, memSpace.get(), fileSpace.get(), H5P_DEFAULT, &value) < 0)
        fail(path, "cannot write the value (is the disk full?)");
}

void File::updateFixedString(const std::string& path, int64_t index, const std::string& value) {
    const hid_t set = updatedDataset(path);
    Handle type(H5Dget_type(set), H5Tclose);
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) > 0)
        fail(path, "holds no fixed-length strings, so it cannot be updated in place");
    const size_t width = H5Tget_size(type.get());
    if (value.size() > width)
        fail(path, "value '" + value + "' is longer than " + std::to_string(width) + " bytes");
    std::vector<char> buffer(width, '\0');
    std::memcpy(buffer.data(), value.data(), value.size());
    Handle fileSpace = selectBlock(set, {index}, {1});
    if (!fileSpace.valid())
        fail(path, "has no element " + std::to_string(index));
    Handle memSpace = simpleSpace({1});
    if (H5Dwrite(set, type.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT, buffer.data()) < 0)
        fail(path, "cannot write the value (is the disk full?)");
}

} // namespace bs::h5
