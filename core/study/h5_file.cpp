#include "core/study/h5_file.h"

#include "core/common/error.h"
#include "core/study/h5_global_heap.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bs::h5 {

namespace {

std::recursive_mutex& hdf5Mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

herr_t collect(unsigned, const H5E_error2_t* error, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(error->desc ? error->desc : "");
    return 0;
}

// A variable-length UTF-8 string type, the text type h5py reads as str.
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

// The machine's memory in bytes: no array larger than it can be read, whatever a file claims.
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

} // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
    if (this != &other) {
        reset();
        m_id = other.m_id;
        m_close = other.m_close;
        other.m_id = -1;
    }
    return *this;
}

void Handle::reset() {
    if (m_id >= 0 && m_close)
        m_close(m_id);
    m_id = -1;
}

Session::Session()
    : m_lock(hdf5Mutex()) {
    H5Eget_auto2(H5E_DEFAULT, &m_oldFunc, &m_oldData);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Session::~Session() {
    H5Eset_auto2(H5E_DEFAULT, m_oldFunc, m_oldData);
}

std::string takeErrorDetail() {
    std::vector<std::string> stack; // innermost first
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect, &stack);
    H5Eclear2(H5E_DEFAULT);
    // A failed system call comes as "file write failed: time = ..., filename = ..., errno = 28,
    // error message = 'No space left on device', buf = ..." over several lines, not always
    // innermost (a failed close adds errors of its own); what a user can act on is the
    // operation and the system's reason.
    const std::string marker = "error message = '";
    for (const std::string& detail : stack)
        if (const auto at = detail.find(marker); at != std::string::npos) {
            const auto from = at + marker.size();
            const auto to = detail.find('\'', from);
            return detail.substr(0, detail.find(':')) + " (" +
                   detail.substr(from, to == std::string::npos ? to : to - from) + ")";
        }
    return stack.empty() ? std::string() : stack.front();
}

File File::create(const std::string& path) {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG);
    // 1.8 object headers: creation-order tracking, large attributes; read by every h5py.
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
    // Every array starts at a multiple of 8 bytes, so no float64 straddles a page boundary: a
    // write cut short by a kill (which stops between pages) leaves each value old or new.
    H5Pset_alignment(fapl.get(), 1, 8);
    // Pieces written by writeInPieces reach the file as they are, not merged into 64 KiB writes.
    H5Pset_sieve_buf_size(fapl.get(), 0);
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose);
    File out(path, std::move(file));
    if (!out.m_file.valid())
        out.fail("", "cannot create the file");
    return out;
}

namespace {

Handle accessList() {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG);
#if H5_VERSION_GE(1, 10, 7)
    // Writers hold BasinScope's own lock (StudyLock), so HDF5's file lock buys nothing; it would
    // keep readers (the GUI, h5py) out while a computation updates the file, and it fails on file
    // systems without flock (some NFS and Lustre mounts).
    H5Pset_file_locking(fapl.get(), false, true);
#endif
    return fapl;
}

// Creation properties of an array whose values may later be updated in place. Contiguous
// arrays get their first values from writeInPieces, never from HDF5's fill (see there).
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

// The largest single write when an updatable array is created. Linux caches a file region
// written in one large write in a large page-cache folio, and every later small write into it
// walks the whole folio: an 8-byte update cost 22 us in a region written in 40 MB writes and
// 1.4 us in one written in 4 KiB writes (ext4, kernel 6.18, a 352 MB file). In-place pair
// updates are such small writes, so arrays are first written in pieces this small.
constexpr size_t kPieceBytes = 16 * 1024;

// Writes the whole contiguous array `set` (dimensions `dims`, elements of `elementBytes` in
// memory type `memType`) in pieces of whole rows of at most kPieceBytes where rows allow:
// `data` when given, else every element equal to `fill`.
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

} // namespace

File File::openReadWrite(const std::string& path) {
    Handle fapl = accessList();
    // Updates write a few values at scattered places of large arrays; HDF5's default 64 KiB
    // sieve buffer would read and write back 64 KiB around each of them, so values go to the
    // file directly.
    H5Pset_sieve_buf_size(fapl.get(), 0);
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), H5Fclose);
    File out(path, std::move(file));
    if (!out.m_file.valid()) {
        // A read-only folder or file system is not damage: say which it is.
        if (::access(path.c_str(), W_OK) != 0 && (errno == EROFS || errno == EACCES)) {
            const std::string reason = std::strerror(errno);
            takeErrorDetail();
            out.fail("", "cannot be written: " + reason);
        }
        out.fail("", "cannot be opened to write; it is damaged or not writable");
    }
    return out;
}

bool File::stillAt(const std::string& path) const {
    void* handle = nullptr;
    if (H5Fget_vfd_handle(m_file.get(), H5P_DEFAULT, &handle) < 0 || !handle) {
        takeErrorDetail();
        return true; // a driver without a file descriptor: nothing to compare
    }
    struct stat open = {};
    struct stat named = {};
    if (::fstat(*static_cast<const int*>(handle), &open) != 0)
        return true;
    if (::stat(path.c_str(), &named) != 0)
        return false;
    return open.st_dev == named.st_dev && open.st_ino == named.st_ino;
}

void File::flush() {
    if (H5Fflush(m_file.get(), H5F_SCOPE_GLOBAL) < 0)
        fail("", "writing failed (is the disk full?)");
}

File File::openReadOnly(const std::string& path) {
    Handle fapl = accessList();
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose);
    File out(path, std::move(file));
    if (!out.m_file.valid())
        out.fail("", "cannot be opened as an HDF5 file; it is damaged or incomplete");
    return out;
}

void File::close() {
    m_updated.clear();
    if (!m_file.valid())
        return;
    // A close whose flush fails (a full disk) leaves HDF5 1.10 with a file id that points to
    // freed memory, and the process crashes when HDF5 shuts down at exit. So a file that cannot
    // be flushed stays open; its owner frees the space (see writeStudy) before closing it.
    if (H5Fflush(m_file.get(), H5F_SCOPE_GLOBAL) < 0)
        fail("", "writing failed (is the disk full?)");
    const hid_t id = m_file.release();
    if (H5Fclose(id) < 0)
        fail("", "writing failed (is the disk full?)");
}

void File::reserveSpace() {
    haddr_t eoa = 0;
    void* handle = nullptr;
    if (H5Fget_eoa(m_file.get(), &eoa) < 0 ||
        H5Fget_vfd_handle(m_file.get(), H5P_DEFAULT, &handle) < 0 || !handle) {
        takeErrorDetail();
        return;
    }
    // fallocate, not posix_fallocate: where the file system cannot reserve (some NFS), glibc's
    // emulation would write a byte into every block of the file.
    if (::fallocate(*static_cast<int*>(handle), 0, 0, static_cast<off_t>(eoa)) != 0 &&
        (errno == ENOSPC || errno == EDQUOT))
        fail("", std::string("writing failed: ") + std::strerror(errno));
}

void File::abandon() {
    m_updated.clear();
    if (!m_file.valid())
        return;
    // HDF5 writes its cached metadata when it closes a file and has no call to drop it; the
    // file's descriptor is pointed at an anonymous memory copy of the file instead, which takes
    // those writes (and answers the reads a close may make).
    void* handle = nullptr;
    if (H5Fget_vfd_handle(m_file.get(), H5P_DEFAULT, &handle) >= 0 && handle) {
        const int fd = *static_cast<int*>(handle);
        const int copy = ::memfd_create("basinscope-abandoned-save", MFD_CLOEXEC);
        struct stat st = {};
        bool copied = copy >= 0 && ::fstat(fd, &st) == 0;
        off_t offset = 0;
        while (copied && offset < st.st_size) {
            const ssize_t n =
                ::sendfile(copy, fd, &offset, static_cast<size_t>(st.st_size - offset));
            copied = n > 0;
        }
        if (copied && ::dup2(copy, fd) >= 0)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        if (copy >= 0)
            ::close(copy);
    }
    H5Fclose(m_file.release());
    takeErrorDetail();
}

void File::fail(const std::string& object, const std::string& message) const {
    std::string text = object.empty() ? message : object + ": " + message;
    if (const auto detail = takeErrorDetail(); !detail.empty())
        text += " (HDF5: " + detail + ")";
    throwFileError(m_path, text);
}

void File::createGroup(const std::string& path, bool trackOrder) {
    Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
    if (trackOrder)
        H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    Handle group(H5Gcreate2(m_file.get(), path.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                 H5Gclose);
    if (!group.valid())
        fail(path, "cannot create the group");
}

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

namespace {

// The raw bytes of a contiguous dataset, read past HDF5 so that nothing in them is trusted yet.
std::vector<uint8_t> rawBytes(const std::string& path, uint64_t offset, uint64_t size,
                              std::string* error) {
    std::vector<uint8_t> out(size);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = std::string("cannot be read: ") + std::strerror(errno);
        return {};
    }
    uint64_t done = 0;
    while (done < size) {
        const ssize_t got =
            ::pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            *error = "its values lie past the end of the file";
            break;
        }
        done += static_cast<uint64_t>(got);
    }
    ::close(fd);
    return out;
}

uint64_t decodeLE(const uint8_t* p, size_t bytes) {
    uint64_t value = 0;
    for (size_t i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

} // namespace

const GlobalHeaps& File::globalHeaps() const {
    if (!m_heaps) {
        Handle fcpl(H5Fget_create_plist(m_file.get()), H5Pclose);
        size_t addressSize = 0, lengthSize = 0;
        hsize_t userBlock = 0;
        if (!fcpl.valid() || H5Pget_sizes(fcpl.get(), &addressSize, &lengthSize) < 0 ||
            H5Pget_userblock(fcpl.get(), &userBlock) < 0)
            fail("", "cannot read the file's HDF5 settings; it is damaged");
        m_heaps = std::make_shared<const GlobalHeaps>(m_path, userBlock,
                                                      static_cast<unsigned>(lengthSize));
    }
    return *m_heaps;
}

void File::checkVariableText(const std::string& what, hid_t dataset, int64_t count) const {
    const GlobalHeaps& heaps = globalHeaps();
    if (!heaps.damage().empty())
        fail("", "is damaged: " + heaps.damage() + " (HDF5 keeps text there)");
    if (dataset < 0 || count == 0)
        return;
    Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
    const H5D_layout_t layout = dcpl.valid() ? H5Pget_layout(dcpl.get()) : H5D_LAYOUT_ERROR;
    if (layout == H5D_COMPACT)
        return; // the references sit in the object header, which HDF5 checksums
    if (layout != H5D_CONTIGUOUS)
        fail(what, "stores its text in chunks or another layout BasinScope does not read");
    const haddr_t offset = H5Dget_offset(dataset);
    if (offset == HADDR_UNDEF)
        return; // never written: reads as empty text without touching the heap
    Handle fcpl(H5Fget_create_plist(m_file.get()), H5Pclose);
    size_t addressSize = 0, lengthSize = 0;
    H5Pget_sizes(fcpl.get(), &addressSize, &lengthSize);
    // A reference: the text's length (4 bytes), the collection's address, the object's index (4).
    const uint64_t referenceSize = 4 + addressSize + 4;
    const uint64_t storage = H5Dget_storage_size(dataset);
    if (addressSize < 2 || addressSize > 8 ||
        storage / referenceSize < static_cast<uint64_t>(count))
        fail(what, "holds " + std::to_string(storage) + " bytes, too few for " +
                       std::to_string(count) + " text values; the file is damaged");
    std::string error;
    const auto bytes =
        rawBytes(m_path, offset, referenceSize * static_cast<uint64_t>(count), &error);
    if (!error.empty())
        fail(what, error + "; the file is damaged");
    for (int64_t i = 0; i < count; ++i) {
        const uint8_t* r = bytes.data() + referenceSize * static_cast<uint64_t>(i);
        const uint64_t length = decodeLE(r, 4);
        const uint64_t address = decodeLE(r + 4, addressSize);
        const uint64_t index = decodeLE(r + 4 + addressSize, 4);
        if (address == 0)
            continue; // a null string: HDF5 reads nothing
        if (const auto problem = heaps.checkReference(address, index, length); !problem.empty())
            fail(what, "value " + std::to_string(i) + " " + problem + "; the file is damaged");
    }
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
