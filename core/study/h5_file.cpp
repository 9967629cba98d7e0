#include "core/study/h5_file.h"

#include "core/common/error.h"
#include "core/study/h5_global_heap.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bs::h5 {

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

} // namespace bs::h5
