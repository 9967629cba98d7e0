#include "tests/study/small_filesystem.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace bs::test {

SmallFilesystem::SmallFilesystem(const std::filesystem::path& folder, uint64_t bytes)
    : m_folder(folder) {
    std::filesystem::create_directories(folder);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
    if (::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) != 0) {
        m_why = "cannot mount a tmpfs at " + folder.string() + " (" + std::strerror(errno) +
                "); mounting needs root";
        return;
    }
    m_mounted = true;
}

SmallFilesystem::~SmallFilesystem() {
    if (m_mounted)
        ::umount2(m_folder.c_str(), MNT_DETACH);
}

uint64_t SmallFilesystem::fill(uint64_t leave, const std::string& fileName) {
    const auto path = m_folder / fileName;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return 0;
    // Page-sized writes, then single bytes, so that not even a partial page stays free.
    uint64_t written = 0;
    auto freeBytes = [&] {
        struct statvfs st {};
        return ::fstatvfs(fd, &st) == 0 ? uint64_t{st.f_bavail} * st.f_frsize : 0;
    };
    for (const size_t block : {size_t{4096}, size_t{1}}) {
        const std::vector<char> zeros(block, 'x');
        while (leave == 0 || freeBytes() > leave) {
            const ssize_t n = ::write(fd, zeros.data(), zeros.size());
            if (n <= 0)
                break;
            written += static_cast<uint64_t>(n);
        }
    }
    ::fsync(fd);
    ::close(fd);
    return written;
}

bool SmallFilesystem::remountReadOnly() {
    if (!m_mounted)
        return false;
    if (::mount("tmpfs", m_folder.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
        m_why = "cannot remount " + m_folder.string() + " read-only (" + std::strerror(errno) + ")";
        return false;
    }
    return true;
}

} // namespace bs::test
