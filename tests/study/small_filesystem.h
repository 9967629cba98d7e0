#pragma once
// SmallFilesystem: a size-limited tmpfs mounted by a test, so that a full disk or a read-only
// folder is real (the kernel's ENOSPC and EROFS), not simulated.

#include <cstdint>
#include <filesystem>
#include <string>

namespace bs::test {

class SmallFilesystem {
public:
    // Mounts a tmpfs of `bytes` at `folder` (created if missing). Mounting needs root (or
    // CAP_SYS_ADMIN); where it is not allowed, mounted() is false and why() says so.
    SmallFilesystem(const std::filesystem::path& folder, uint64_t bytes);
    ~SmallFilesystem();
    SmallFilesystem(const SmallFilesystem&) = delete;
    SmallFilesystem& operator=(const SmallFilesystem&) = delete;

    bool mounted() const { return m_mounted; }
    const std::string& why() const { return m_why; }
    const std::filesystem::path& folder() const { return m_folder; }

    // Fills the free space with a file until only `leave` bytes (rounded to pages) are free, or
    // for `leave` 0 until the kernel says ENOSPC; returns the bytes written.
    uint64_t fill(uint64_t leave = 0, const std::string& fileName = "filler");
    // Makes the whole file system read-only (EROFS for every write, root included). False
    // (with why()) when the kernel refuses.
    bool remountReadOnly();

private:
    std::filesystem::path m_folder;
    bool m_mounted = false;
    std::string m_why;
};

} // namespace bs::test
