#include "core/study/h5_file.h"

#include "core/study/h5_types.h"

namespace bs::h5 {

void File::writeAttr(const std::string& object, const char* name, const std::string& value) {
    Handle type = utf8Type();
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate_by_name(m_file.get(), object.c_str(), name, type.get(), space.get(),
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    const char* text = value.c_str();
    if (!attr.valid() || H5Awrite(attr.get(), type.get(), &text) < 0)
        fail(object, std::string("cannot write attribute ") + name);
}

void File::writeAttr(const std::string& object, const char* name,
                     const std::vector<std::string>& values) {
    Handle type = utf8Type();
    Handle space = simpleSpace({static_cast<int64_t>(values.size())});
    Handle attr(H5Acreate_by_name(m_file.get(), object.c_str(), name, type.get(), space.get(),
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    std::vector<const char*> text;
    for (const auto& v : values)
        text.push_back(v.c_str());
    if (!attr.valid() || (!text.empty() && H5Awrite(attr.get(), type.get(), text.data()) < 0))
        fail(object, std::string("cannot write attribute ") + name);
}

void File::writeAttr(const std::string& object, const char* name, int64_t value) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate_by_name(m_file.get(), object.c_str(), name, H5T_STD_I64LE, space.get(),
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    if (!attr.valid() || H5Awrite(attr.get(), H5T_NATIVE_INT64, &value) < 0)
        fail(object, std::string("cannot write attribute ") + name);
}

void File::writeAttr(const std::string& object, const char* name, double value) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate_by_name(m_file.get(), object.c_str(), name, H5T_IEEE_F64LE, space.get(),
                                  H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    if (!attr.valid() || H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0)
        fail(object, std::string("cannot write attribute ") + name);
}

bool File::hasAttr(const std::string& object, const char* name) const {
    const htri_t found = H5Aexists_by_name(m_file.get(), object.c_str(), name, H5P_DEFAULT);
    if (found < 0)
        fail(object, "is missing");
    return found > 0;
}

Handle File::openAttr(const std::string& object, const char* name) const {
    if (!hasAttr(object, name))
        fail(object, std::string("attribute '") + name + "' is missing");
    Handle attr(H5Aopen_by_name(m_file.get(), object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    if (!attr.valid())
        fail(object, std::string("attribute '") + name + "' cannot be read");
    return attr;
}

std::string File::readStringAttr(const std::string& object, const char* name) const {
    Handle attr = openAttr(object, name);
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    const std::string what = object + " attribute '" + name + "'";
    checkClass(what, type.get(), H5T_STRING);
    if (elementCount(space.get()) != 1)
        fail(what, "should hold one text value, found " + formatShape(spaceDims(space.get())));
    if (H5Tis_variable_str(type.get()) > 0)
        checkVariableText(what, -1, 1);
    auto values = readText(type.get(), space.get(), 1, [&](hid_t mem, void* buffer) {
        return H5Aread(attr.get(), mem, buffer);
    });
    if (values.size() != 1)
        fail(what, "cannot be read");
    return values[0];
}

std::vector<std::string> File::readStringListAttr(const std::string& object,
                                                  const char* name) const {
    Handle attr = openAttr(object, name);
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    const std::string what = object + " attribute '" + name + "'";
    checkClass(what, type.get(), H5T_STRING);
    if (spaceDims(space.get()).size() > 1)
        fail(what, "should be a list of text, found shape " + formatShape(spaceDims(space.get())));
    const int64_t n = elementCount(space.get());
    if (H5Tis_variable_str(type.get()) > 0)
        checkVariableText(what, -1, n);
    auto values = readText(type.get(), space.get(), n, [&](hid_t mem, void* buffer) {
        return H5Aread(attr.get(), mem, buffer);
    });
    if (static_cast<int64_t>(values.size()) != n)
        fail(what, "cannot be read");
    return values;
}

int64_t File::readIntAttr(const std::string& object, const char* name) const {
    Handle attr = openAttr(object, name);
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    const std::string what = object + " attribute '" + name + "'";
    checkClass(what, type.get(), H5T_INTEGER);
    if (elementCount(space.get()) != 1)
        fail(what, "should hold one integer, found " + formatShape(spaceDims(space.get())));
    int64_t value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_INT64, &value) < 0)
        fail(what, "cannot be read");
    return value;
}

int64_t File::readIntAttrAtLeast(const std::string& object, const char* name, int64_t least) const {
    const int64_t value = readIntAttr(object, name);
    if (value < least)
        fail(object + " attribute '" + name + "'",
             "is " + std::to_string(value) + ", expected at least " + std::to_string(least));
    return value;
}

double File::readDoubleAttr(const std::string& object, const char* name) const {
    Handle attr = openAttr(object, name);
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    const std::string what = object + " attribute '" + name + "'";
    checkClass(what, type.get(), H5T_FLOAT);
    if (elementCount(space.get()) != 1)
        fail(what, "should hold one number, found " + formatShape(spaceDims(space.get())));
    double value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value) < 0)
        fail(what, "cannot be read");
    return value;
}

} // namespace bs::h5
