#pragma once
// AtomicFile: writes a file through a temporary sibling that is fsynced and renamed into place.

#include <filesystem>

namespace bs {

// Readers never see a half-written file: data go to "<name>.tmp-<pid>-<n>" in the same
// folder, and commit() fsyncs it, renames it over the target and fsyncs the folder.
// Destroyed without commit() (an error while writing), the temporary is removed.
class AtomicFile {
public:
    explicit AtomicFile(const std::filesystem::path& target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, size_t size);
    void commit();

    const std::filesystem::path& target() const { return m_target; }

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    int m_fd = -1;
};

} // namespace bs
