#include "core/io/atomic_file.h"

#include "core/common/error.h"

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bs {

namespace {

std::string systemError() {
    return std::strerror(errno);
}

} // namespace

AtomicFile::AtomicFile(const std::filesystem::path& target)
    : m_target(target) {
    static std::atomic<unsigned> counter{0};
    m_temp = target;
    m_temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throwFileError(target.string(),
                       "cannot create temporary file " + m_temp.string() + ": " + systemError());
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temp.c_str());
    }
}

void AtomicFile::write(const void* data, size_t size) {
    if (m_fd < 0)
        throwFileError(m_target.string(), "write after commit");
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throwFileError(m_target.string(), "write failed: " + systemError());
        p += n;
        size -= static_cast<size_t>(n);
    }
}

void AtomicFile::commit() {
    if (m_fd < 0)
        throwFileError(m_target.string(), "committed twice");
    if (::fsync(m_fd) != 0)
        throwFileError(m_target.string(), "fsync failed: " + systemError());
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
        ::unlink(m_temp.c_str());
        throwFileError(m_target.string(), "close failed: " + systemError());
    }
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const std::string why = systemError();
        ::unlink(m_temp.c_str());
        throwFileError(m_target.string(), "cannot rename the temporary file into place: " + why);
    }
    // The rename is durable only once the folder entry is on disk.
    std::filesystem::path dir = m_target.parent_path();
    if (dir.empty())
        dir = ".";
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

} // namespace bs
