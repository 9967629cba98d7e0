#include "core/study/h5_file.h"

#include "core/study/h5_types.h"

#include <algorithm>

namespace bs::h5 {

bool File::exists(const std::string& path) const {
    // H5Lexists needs every parent to exist, so walk the path one link at a time.
    if (path == "/")
        return true;
    size_t pos = 0;
    while (pos != std::string::npos) {
        pos = path.find('/', pos + 1);
        const std::string prefix = path.substr(0, pos);
        if (H5Lexists(m_file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) {
            takeErrorDetail();
            return false;
        }
    }
    return true;
}

bool File::isGroup(const std::string& path) const {
    if (!exists(path))
        return false;
    H5O_info_t info;
#if H5_VERSION_GE(1, 12, 0)
    if (H5Oget_info_by_name3(m_file.get(), path.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
#else
    if (H5Oget_info_by_name2(m_file.get(), path.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
#endif
        fail(path, "cannot be read");
    return info.type == H5O_TYPE_GROUP;
}

std::vector<std::string> File::children(const std::string& group) const {
    Handle g(H5Gopen2(m_file.get(), group.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.valid())
        fail(group, "is missing or not a group");
    Handle gcpl(H5Gget_create_plist(g.get()), H5Pclose);
    unsigned flags = 0;
    H5Pget_link_creation_order(gcpl.get(), &flags);
    const H5_index_t index = (flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
    };
    if (H5Literate(g.get(), index, H5_ITER_INC, nullptr, collect, &names) < 0)
        fail(group, "cannot list the group");
    return names;
}

void File::checkClass(const std::string& what, hid_t type, H5T_class_t expected) const {
    const H5T_class_t found = H5Tget_class(type);
    auto nameOf = [](H5T_class_t c) -> std::string {
        switch (c) {
        case H5T_INTEGER:
            return "integers";
        case H5T_FLOAT:
            return "floating-point numbers";
        case H5T_STRING:
            return "text";
        default:
            return "another HDF5 type";
        }
    };
    const bool numeric = expected == H5T_FLOAT && (found == H5T_INTEGER || found == H5T_FLOAT);
    if (found != expected && !numeric)
        fail(what, "holds " + nameOf(found) + ", expected " + nameOf(expected));
}

Handle File::openDataset(const std::string& path) const {
    if (!exists(path))
        fail(path, "is missing");
    Handle set(H5Dopen2(m_file.get(), path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!set.valid())
        fail(path, "is not a dataset");
    return set;
}

std::vector<int64_t> File::shape(const std::string& path) const {
    Handle set = openDataset(path);
    Handle space(H5Dget_space(set.get()), H5Sclose);
    return spaceDims(space.get());
}

void File::checkShape(const std::string& path, const std::vector<int64_t>& found,
                      const std::vector<int64_t>& expected) const {
    bool ok = found.size() == expected.size();
    for (size_t i = 0; ok && i < found.size(); ++i)
        ok = expected[i] < 0 || expected[i] == found[i];
    if (ok)
        return;
    std::string text = "[";
    for (size_t i = 0; i < expected.size(); ++i)
        text +=
            (i ? ", " : "") + (expected[i] < 0 ? std::string("any") : std::to_string(expected[i]));
    fail(path, "has shape " + formatShape(found) + ", expected " + text + "]");
}

void File::checkSize(const std::string& path, int64_t count, size_t elementBytes) const {
    // The extent comes from a checksummed header, but a file can be made to claim any size
    // (an array never written reads as its fill value): refuse before allocating.
    if (count > 0 && static_cast<uint64_t>(count) > physicalMemory() / elementBytes)
        fail(path,
             "claims " + std::to_string(count) + " values, more than this machine's memory holds");
}

std::vector<double> File::readDoubles(const std::string& path, const std::vector<int64_t>& expected,
                                      std::vector<int64_t>* dims) const {
    Handle set = openDataset(path);
    Handle type(H5Dget_type(set.get()), H5Tclose);
    Handle space(H5Dget_space(set.get()), H5Sclose);
    checkClass(path, type.get(), H5T_FLOAT);
    const auto found = spaceDims(space.get());
    checkShape(path, found, expected);
    checkSize(path, elementCount(space.get()), sizeof(double));
    std::vector<double> values(static_cast<size_t>(elementCount(space.get())));
    if (!values.empty() &&
        H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        fail(path, "cannot be read; the file is damaged");
    if (dims)
        *dims = found;
    return values;
}

std::vector<int64_t> File::readInts(const std::string& path, int64_t expectedLength) const {
    Handle set = openDataset(path);
    Handle type(H5Dget_type(set.get()), H5Tclose);
    Handle space(H5Dget_space(set.get()), H5Sclose);
    checkClass(path, type.get(), H5T_INTEGER);
    checkShape(path, spaceDims(space.get()), {expectedLength});
    checkSize(path, elementCount(space.get()), sizeof(int64_t));
    std::vector<int64_t> values(static_cast<size_t>(elementCount(space.get())));
    if (!values.empty() &&
        H5Dread(set.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        fail(path, "cannot be read; the file is damaged");
    return values;
}

std::vector<std::string> File::readStrings(const std::string& path, int64_t expectedLength) const {
    Handle set = openDataset(path);
    Handle type(H5Dget_type(set.get()), H5Tclose);
    Handle space(H5Dget_space(set.get()), H5Sclose);
    checkClass(path, type.get(), H5T_STRING);
    checkShape(path, spaceDims(space.get()), {expectedLength});
    const int64_t n = elementCount(space.get());
    checkSize(path, n, std::max<size_t>(sizeof(char*), H5Tget_size(type.get())));
    if (H5Tis_variable_str(type.get()) > 0)
        checkVariableText(path, set.get(), n);
    auto values = readText(type.get(), space.get(), n, [&](hid_t mem, void* buffer) {
        return H5Dread(set.get(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
    if (static_cast<int64_t>(values.size()) != n)
        fail(path, "cannot be read; the file is damaged");
    return values;
}

std::string formatShape(const std::vector<int64_t>& dims) {
    std::string text = "[";
    for (size_t i = 0; i < dims.size(); ++i)
        text += (i ? ", " : "") + std::to_string(dims[i]);
    return text + "]";
}

} // namespace bs::h5
