#pragma once
// h5::File: a small RAII layer over the HDF5 C API that turns every failure into bs::Error.
// Internal to core/study; objects are addressed by absolute path ("/curves/mnli/loss") so that
// messages name the file and the object. Its parts live in files of their own: h5_file.cpp
// (opening, flushing, closing), h5_write.cpp, h5_update.cpp, h5_read.cpp, h5_attributes.cpp and
// h5_text_checks.cpp; the handles in h5_handle.h.

#include "core/study/h5_handle.h"

#include <hdf5.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bs::h5 {

class GlobalHeaps;

class File {
public:
    // Creates (truncating) a file to write; groups made with trackOrder list children in
    // creation order.
    static File create(const std::string& path);
    static File openReadOnly(const std::string& path);
    // Opens an existing file to update arrays in place (see the update* functions).
    static File openReadWrite(const std::string& path);

    const std::string& path() const { return m_path; }
    // Whether `path` still names the file this handle has open: false once that file was
    // deleted or another was renamed over it (whatever is written then is lost with it).
    bool stillAt(const std::string& path) const;
    // Flushes and closes; reports write errors (disk full) that a destructor would swallow.
    void close();
    // Reserves the disk blocks of every address HDF5 has allocated in the file, so that the
    // flush at close() cannot run out of space; bs::Error (nothing flushed) when the disk is
    // full. A no-op where the file system cannot reserve space.
    void reserveSpace();
    // Closes a file that is being thrown away (a failed save's temporary copy) without writing
    // to its disk again: a full disk would otherwise fail the close, which HDF5 1.10 does not
    // survive (see close()).
    void abandon();
    // Hands every buffered change to the operating system (not to the disk): a process killed
    // afterwards loses none of it.
    void flush();

    [[noreturn]] void fail(const std::string& object, const std::string& message) const;

    // ---- writing
    void createGroup(const std::string& path, bool trackOrder = false);
    void writeAttr(const std::string& object, const char* name, const std::string& value);
    void writeAttr(const std::string& object, const char* name,
                   const std::vector<std::string>& values);
    void writeAttr(const std::string& object, const char* name, int64_t value);
    void writeAttr(const std::string& object, const char* name, double value);
    // Arrays get their file space, filled with NaN (or zeros), when they are created, and no
    // modification times, so that updating values later writes raw bytes only and never
    // changes the file's structure: a process killed during an update cannot tear the file.
    // `data` may be nullptr: the array is created but not written and reads as NaN.
    // `chunkRows` > 0 stores the array in chunks of that many rows (of the first dimension).
    void writeDoubles(const std::string& path, const std::vector<int64_t>& dims, const double* data,
                      int64_t chunkRows = 0);
    void writeInts(const std::string& path, const std::vector<int64_t>& values);
    void writeStrings(const std::string& path, const std::vector<std::string>& values);
    // Null-padded ASCII strings of at most `width` bytes: cells that can be updated in place.
    void writeFixedStrings(const std::string& path, const std::vector<std::string>& values,
                           size_t width);

    // ---- updating in place (the array exists with the shape it was created with)
    // Writes the block of `count` elements starting at `start` (row-major `data`).
    void updateDoubles(const std::string& path, const std::vector<int64_t>& start,
                       const std::vector<int64_t>& count, const double* data);
    void updateInt(const std::string& path, int64_t index, int64_t value);
    void updateFixedString(const std::string& path, int64_t index, const std::string& value);

    // ---- reading
    bool exists(const std::string& path) const;
    bool isGroup(const std::string& path) const;
    // Children of a group, in creation order when the group tracks it, else by name.
    std::vector<std::string> children(const std::string& group) const;
    bool hasAttr(const std::string& object, const char* name) const;
    std::string readStringAttr(const std::string& object, const char* name) const;
    std::vector<std::string> readStringListAttr(const std::string& object, const char* name) const;
    int64_t readIntAttr(const std::string& object, const char* name) const;
    // The same, refused (naming the object, the attribute and both numbers) below `least`.
    int64_t readIntAttrAtLeast(const std::string& object, const char* name, int64_t least) const;
    double readDoubleAttr(const std::string& object, const char* name) const;
    std::vector<int64_t> shape(const std::string& path) const;
    // `expected` may hold -1 for "any size"; a mismatch names the object and both shapes.
    std::vector<double> readDoubles(const std::string& path, const std::vector<int64_t>& expected,
                                    std::vector<int64_t>* dims = nullptr) const;
    std::vector<int64_t> readInts(const std::string& path, int64_t expectedLength = -1) const;
    std::vector<std::string> readStrings(const std::string& path,
                                         int64_t expectedLength = -1) const;

private:
    File(std::string path, Handle file)
        : m_path(std::move(path))
        , m_file(std::move(file)) {}
    Handle openDataset(const std::string& path) const;
    // The dataset an update writes, opened once per file (updates repeat on the same arrays).
    hid_t updatedDataset(const std::string& path);
    Handle openAttr(const std::string& object, const char* name) const;
    void checkShape(const std::string& path, const std::vector<int64_t>& found,
                    const std::vector<int64_t>& expected) const;
    void checkClass(const std::string& what, hid_t type, H5T_class_t expected) const;
    // Refuses an array of `count` elements that could not fit in memory.
    void checkSize(const std::string& path, int64_t count, size_t elementBytes) const;
    // Before HDF5 reads variable-length text (which it trusts blindly): the file's global heap
    // collections are sound and, for a dataset, each of its `count` references names an object
    // of the length it claims. Attributes need only the first: their references sit in
    // checksummed object headers.
    void checkVariableText(const std::string& what, hid_t dataset, int64_t count) const;
    const GlobalHeaps& globalHeaps() const;

    std::string m_path;
    Handle m_file;
    std::map<std::string, Handle> m_updated; // destroyed before m_file (declared after it)
    mutable std::shared_ptr<const GlobalHeaps> m_heaps; // checked on the first text read
};

std::string formatShape(const std::vector<int64_t>& dims); // "[3, 3, 10]"

} // namespace bs::h5
