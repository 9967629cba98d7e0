#include "core/study/study_lock.h"

#include "core/common/error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace bs {

namespace {

namespace fs = std::filesystem;

std::string hostName() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0)
        return "unknown";
    return buffer;
}

// "pid=1234\nhost=node-3\npurpose=basinscope-cli curves\n" -> the value of `key`.
std::string field(const std::string& text, const std::string& key) {
    const std::string prefix = key + "=";
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = text.find('\n', pos);
        const std::string line = text.substr(pos, end == std::string::npos ? end : end - pos);
        if (line.rfind(prefix, 0) == 0)
            return line.substr(prefix.size());
        if (end == std::string::npos)
            break;
        pos = end + 1;
    }
    return {};
}

std::string readAll(int fd) {
    std::string text;
    char buffer[512];
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n <= 0)
            break;
        text.append(buffer, static_cast<size_t>(n));
        offset += n;
    }
    return text;
}

std::string holderText(const std::string& content) {
    const std::string pid = field(content, "pid");
    if (pid.empty())
        return "another process";
    std::string text = "process " + pid;
    const std::string host = field(content, "host");
    if (!host.empty() && host != hostName())
        text += " on " + host;
    if (const std::string purpose = field(content, "purpose"); !purpose.empty())
        text += " (" + purpose + ")";
    return text;
}

// Temporary files of a writer that was killed mid-save; safe to delete while we hold the lock.
void removeStaleTemporaries(const fs::path& study) {
    const std::string prefix = study.filename().string() + ".tmp-";
    std::error_code ec;
    const fs::path folder = study.parent_path().empty() ? fs::path(".") : study.parent_path();
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > prefix.size() && name.rfind(prefix, 0) == 0 &&
            name.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
        }
    }
}

} // namespace

StudyLock::StudyLock(const fs::path& studyFile, const std::string& purpose)
    : m_studyFile(studyFile)
    , m_lockFile(studyFile.string() + ".lock") {
    const std::string name = studyFile.string();
    const fs::path folder =
        studyFile.parent_path().empty() ? fs::path(".") : studyFile.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throwFileError(name, "cannot open the study for writing: folder " + folder.string() +
                                 " does not exist");

    // A holder unlinks the lock file before it unlocks; if we locked such an unlinked file,
    // the path now names another inode and we start over.
    // A reader checking holder() holds a shared lock for microseconds; retrying for a short
    // while keeps that from refusing a writer.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        int fd = ::open(m_lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        const int openError = errno;
        // Another user's lock file can still be locked through a read-only descriptor.
        if (fd < 0 && openError == EACCES)
            fd = ::open(m_lockFile.c_str(), O_RDONLY | O_CLOEXEC);
        // Named by the study: that is what the user asked to write (a read-only folder, a full
        // disk); the lock file is the detail.
        if (fd < 0)
            throwFileError(name, "cannot be written: creating its lock file " +
                                     m_lockFile.filename().string() +
                                     " failed: " + std::string(std::strerror(openError)));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            const std::string holder = holderText(readAll(fd));
            ::close(fd);
            if (err != EWOULDBLOCK)
                throwFileError(m_lockFile.string(),
                               "cannot lock the study: " + std::string(std::strerror(err)));
            if (std::chrono::steady_clock::now() >= deadline)
                throw Error(name + " is being written by " + holder + "; wait for it or stop it");
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        struct stat held = {}, current = {};
        if (::fstat(fd, &held) == 0 && ::stat(m_lockFile.c_str(), &current) == 0 &&
            held.st_dev == current.st_dev && held.st_ino == current.st_ino) {
            m_fd = fd;
            break;
        }
        ::close(fd);
    }
    if (m_fd < 0)
        throwFileError(m_lockFile.string(), "cannot lock the study: the lock file keeps changing");

    const std::string content = "pid=" + std::to_string(::getpid()) + "\nhost=" + hostName() +
                                "\npurpose=" + purpose + "\n";
    if (::ftruncate(m_fd, 0) == 0) {
        const ssize_t written = ::pwrite(m_fd, content.data(), content.size(), 0);
        (void)written; // the record only improves the refusal message of a second writer
    }
    removeStaleTemporaries(m_studyFile);
}

std::optional<std::string> StudyLock::holder(const fs::path& studyFile) {
    const std::string lockFile = studyFile.string() + ".lock";
    const int fd = ::open(lockFile.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt; // no lock file: nobody is writing
    std::optional<std::string> out;
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0)
        ::flock(fd, LOCK_UN);
    else if (errno == EWOULDBLOCK)
        out = holderText(readAll(fd));
    ::close(fd);
    return out;
}

StudyLock::~StudyLock() {
    release();
}

StudyLock::StudyLock(StudyLock&& other) noexcept
    : m_studyFile(std::move(other.m_studyFile))
    , m_lockFile(std::move(other.m_lockFile))
    , m_fd(other.m_fd) {
    other.m_fd = -1;
}

StudyLock& StudyLock::operator=(StudyLock&& other) noexcept {
    if (this != &other) {
        release();
        m_studyFile = std::move(other.m_studyFile);
        m_lockFile = std::move(other.m_lockFile);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

void StudyLock::release() {
    if (m_fd < 0)
        return;
    // Unlink while still holding the lock so that nobody locks a file we are about to drop.
    ::unlink(m_lockFile.c_str());
    ::close(m_fd);
    m_fd = -1;
}

} // namespace bs
