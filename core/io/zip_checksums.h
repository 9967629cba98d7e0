#pragma once
// ZipChecksums: the CRC-32 of every record of a zip archive, from its central directory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace bs {

// LibTorch's zip reader is built without CRC checks (for speed), so a torch.save archive
// with flipped bytes in a storage record would load silently. This reads the central
// directory (zip64 included) so that each record can be checked when it is read.
class ZipChecksums {
public:
    // Throws bs::Error naming the file when the central directory is missing or damaged.
    explicit ZipChecksums(const std::filesystem::path& archive);
    // Parses an archive already in memory; `file` names it in errors.
    ZipChecksums(const uint8_t* data, size_t size, const std::string& file);

    // Throws bs::Error naming the file and the record when `record` (its name inside the
    // archive folder, e.g. "data/0" for "archive/data/0") is not listed or its bytes do not
    // match the listed CRC-32.
    void verify(const std::string& record, const void* data, size_t size) const;

    // Throws bs::Error unless every record sits in one top folder and a version record exists,
    // the layout torch.save writes. LibTorch's reader leaks its zip state when its constructor
    // throws, so the conditions it throws on are checked before it is made.
    void requireTorchLayout() const;

    // Throws bs::Error unless `record` is listed with a size its stored bytes can hold. Called
    // before LibTorch reads a record: it allocates the declared size first.
    void requireReadable(const std::string& record) const;

private:
    void parse(const uint8_t* data, size_t size);
    void checkVersionRecord(const uint8_t* data, size_t size, uint64_t localHeader, uint64_t length,
                            const std::string& name, uint32_t crc);

    std::string m_file;
    struct Record {
        uint32_t crc = 0;
        uint64_t size = 0;       // uncompressed, as the directory declares it
        bool impossible = false; // the declared size cannot come from the stored bytes
        bool folder = false;     // marked as a folder: reads as nothing
    };
    std::unordered_map<std::string, Record> m_records; // name after the top folder
    std::string m_topFolder;                           // of the first record
    std::optional<std::string> m_strayRecord;          // first record outside m_topFolder
    std::optional<std::string> m_duplicateRecord;      // first name listed twice
    std::string m_versionProblem; // why the version record cannot be read; empty when fine
};

} // namespace bs
