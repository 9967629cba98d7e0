#include "core/study/file_sync.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace bs {

void syncToDisk(const std::filesystem::path& path, bool directory, const std::string& file) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0)
        throwFileError(file, "cannot open " + path.string() +
                                 " to sync it: " + std::string(std::strerror(errno)));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && !(directory && (err == EINVAL || err == ENOTSUP)))
        throwFileError(file, "cannot flush to disk (is the disk full?): " +
                                 std::string(std::strerror(err)));
}

} // namespace bs
