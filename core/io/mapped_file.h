#pragma once
// MappedFile: a read-only POSIX memory mapping of a whole file.

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace bs {

// Checkpoints are mapped instead of read so that a 440 MB model costs no copy
// beyond the conversion into each returned tensor. Throws bs::Error naming the file.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    const uint8_t* data() const { return m_data; } // nullptr for an empty file
    uint64_t size() const { return m_size; }

private:
    std::filesystem::path m_path;
    const uint8_t* m_data = nullptr;
    uint64_t m_size = 0;
};

} // namespace bs
