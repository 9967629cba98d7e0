#include "core/io/zip_checksums.h"

#include "core/common/error.h"
#include "core/io/mapped_file.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_set>

namespace bs {

namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr size_t kEndOfDirectorySize = 22;
constexpr size_t kEntrySize = 46;

uint64_t little(const uint8_t* p, int bytes) {
    uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | p[i];
    return value;
}

std::string hex32(uint32_t value) {
    char text[11];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

uint32_t crc32Of(const void* data, size_t size) {
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = static_cast<const Bytef*>(data);
    // zlib takes 32-bit lengths.
    while (size > 0) {
        const auto chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        crc = crc32(crc, p, chunk);
        p += chunk;
        size -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

// Archives past 4 GB keep sizes and offsets that do not fit 32 bits in a zip64 extra block
// (id 1), in this order, each present only where the 32-bit field is 0xffffffff.
void readZip64Fields(const uint8_t* extra, uint64_t extraLength, uint64_t& length, uint64_t& stored,
                     uint64_t& local) {
    uint64_t at = 0;
    while (extraLength - at >= 4 && at <= extraLength) {
        const uint64_t id = little(extra + at, 2);
        const uint64_t blockLength = little(extra + at + 2, 2);
        at += 4;
        if (blockLength > extraLength - at)
            return;
        if (id == 1) {
            uint64_t field = at;
            for (uint64_t* value : {&length, &stored, &local}) {
                if (*value != 0xffffffff)
                    continue;
                if (field + 8 > at + blockLength)
                    return;
                *value = little(extra + field, 8);
                field += 8;
            }
            return;
        }
        at += blockLength;
    }
}

} // namespace

ZipChecksums::ZipChecksums(const std::filesystem::path& archive)
    : m_file(archive.string()) {
    const MappedFile mapped(archive);
    parse(mapped.data(), mapped.size());
}

ZipChecksums::ZipChecksums(const uint8_t* data, size_t size, const std::string& file)
    : m_file(file) {
    parse(data, size);
}

void ZipChecksums::parse(const uint8_t* data, size_t size) {
    const auto damaged = [&](const std::string& what) {
        throwFileError(m_file, "not a readable torch zip archive (truncated or corrupt?): the zip "
                               "central directory is damaged: " +
                                   what);
    };
    if (!data || size < kEndOfDirectorySize)
        damaged("the file is too short to hold one");
    // The end record sits in the last 22 bytes plus at most a 65535-byte comment.
    size_t end = size - kEndOfDirectorySize;
    const size_t lowest = size > kEndOfDirectorySize + 65535 ? end - 65535 : 0;
    while (little(data + end, 4) != kEndOfDirectory) {
        if (end == lowest)
            damaged("no end-of-directory record");
        --end;
    }
    uint64_t entries = little(data + end + 10, 2);
    uint64_t offset = little(data + end + 16, 4);
    if (entries == 0xffff || offset == 0xffffffff) {
        if (end < 20 || little(data + end - 20, 4) != kZip64Locator)
            damaged("no zip64 locator before the end record");
        const uint64_t at = little(data + end - 20 + 8, 8);
        if (at > size || size - at < 56 || little(data + at, 4) != kZip64EndOfDirectory)
            damaged("the zip64 end record is missing or out of the file");
        entries = little(data + at + 32, 8);
        offset = little(data + at + 48, 8);
    }
    if (offset > size)
        damaged("the directory starts past the end of the file");
    std::unordered_set<std::string> foldedNames;
    for (uint64_t i = 0; i < entries; ++i) {
        if (size - offset < kEntrySize || little(data + offset, 4) != kDirectoryEntry)
            damaged("entry " + std::to_string(i) + " of " + std::to_string(entries) +
                    " is missing or out of the file");
        const auto crc = static_cast<uint32_t>(little(data + offset + 16, 4));
        const uint64_t nameLength = little(data + offset + 28, 2);
        const uint64_t rest =
            nameLength + little(data + offset + 30, 2) + little(data + offset + 32, 2);
        if (size - offset - kEntrySize < rest)
            damaged("entry " + std::to_string(i) + " runs past the end of the file");
        std::string name(reinterpret_cast<const char*>(data + offset + kEntrySize), nameLength);
        // torch.save puts every record in one top folder named after the file.
        const size_t slash = name.find('/');
        const std::string folder = slash == std::string::npos ? "" : name.substr(0, slash);
        if (i == 0)
            m_topFolder = folder;
        if ((folder.empty() || folder != m_topFolder) && !m_strayRecord)
            m_strayRecord = name;
        const std::string record = slash == std::string::npos ? name : name.substr(slash + 1);
        uint64_t stored = little(data + offset + 20, 4);
        uint64_t length = little(data + offset + 24, 4);
        uint64_t local = little(data + offset + 42, 4);
        readZip64Fields(data + offset + kEntrySize + nameLength, little(data + offset + 30, 2),
                        length, stored, local);
        const uint64_t method = little(data + offset + 10, 2);
        // miniz takes the DOS folder attribute (or a trailing '/') as a folder, whose contents
        // read as nothing.
        const bool folderEntry =
            (little(data + offset + 38, 4) & 0x10) != 0 || (!name.empty() && name.back() == '/');
        // Stored (method 0), not encrypted or patched, sizes equal: what torch.save writes.
        const bool plain = method == 0 && (little(data + offset + 8, 2) & 0x61) == 0 &&
                           stored == length && !folderEntry;
        if (record == "version" || record == ".data/version") {
            if (!plain)
                m_versionProblem = "it is compressed, encrypted, a folder or has two sizes";
            else
                checkVersionRecord(data, size, local, length, name, crc);
        }
        // Two records of one name leave it open which is read; miniz, under LibTorch, looks
        // names up ignoring case, so "version" and "VERSION" are one name there.
        std::string folded = name;
        std::transform(folded.begin(), folded.end(), folded.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!foldedNames.insert(std::move(folded)).second && !m_duplicateRecord)
            m_duplicateRecord = name;
        // LibTorch allocates a record's declared size before reading it; deflate packs at
        // most 1032 bytes into one, so a larger claim is a lie.
        const uint64_t limit = method == 0 ? stored : stored * 1032;
        m_records.emplace(record,
                          Record{crc, length, length > limit || stored > size, folderEntry});
        offset += kEntrySize + rest;
    }
}

// LibTorch reads the version record in its reader's constructor; whatever makes that read
// throw is found here first: a local header that does not match the directory, data out of
// the file, compression, a wrong CRC (sizes come from the directory: torch's writer leaves
// them out of local headers), or a value that is not a small number.
void ZipChecksums::checkVersionRecord(const uint8_t* data, size_t size, uint64_t at,
                                      uint64_t length, const std::string& name, uint32_t crc) {
    constexpr size_t kLocalHeaderSize = 30;
    if (at > size || size - at < kLocalHeaderSize || little(data + at, 4) != 0x04034b50) {
        m_versionProblem = "its local header is missing";
        return;
    }
    const uint64_t nameLength = little(data + at + 26, 2);
    const uint64_t extraLength = little(data + at + 28, 2);
    const uint64_t start = at + kLocalHeaderSize + nameLength + extraLength;
    if (little(data + at + 8, 2) != 0 || start > size || size - start < length || length > 16 ||
        std::string(reinterpret_cast<const char*>(data + at + kLocalHeaderSize), nameLength) !=
            name) {
        m_versionProblem = "its local header does not match the directory";
        return;
    }
    if (crc32Of(data + start, length) != crc) {
        m_versionProblem = "it fails its checksum";
        return;
    }
    const std::string text(reinterpret_cast<const char*>(data + start), length);
    uint64_t version = 0;
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        version = version * 10 + uint64_t(text[digits++] - '0');
    // torch.save has written versions 1 to 10 so far; LibTorch 1.13 reads up to its own.
    if (digits == 0 || version < 1 || version > 10)
        m_versionProblem = "it holds \"" + text + "\", not a format version";
}

void ZipChecksums::requireTorchLayout() const {
    if (m_records.empty())
        throwFileError(m_file, "the zip archive is empty; it is not a torch.save file");
    if (m_strayRecord)
        throwFileError(m_file, "record '" + *m_strayRecord +
                                   "' is not in the archive's top folder '" + m_topFolder +
                                   "/' (torch.save puts every record in one folder); the file "
                                   "is damaged or not a torch.save file");
    if (m_duplicateRecord)
        throwFileError(m_file, "record '" + *m_duplicateRecord +
                                   "' appears twice in the zip directory; the file is damaged");
    if (!m_records.count("version") && !m_records.count(".data/version"))
        throwFileError(m_file, "the archive has no version record; it is not a torch.save file");
    if (!m_versionProblem.empty())
        throwFileError(m_file, "the archive's version record cannot be read (" + m_versionProblem +
                                   "); the file is damaged");
}

void ZipChecksums::requireReadable(const std::string& record) const {
    const auto it = m_records.find(record);
    if (it == m_records.end())
        throwFileError(m_file, "record '" + record + "' is not listed in the zip directory");
    if (it->second.folder)
        throwFileError(m_file, "record '" + record +
                                   "' is marked as a folder in the zip directory; the file is "
                                   "damaged");
    if (it->second.impossible)
        throwFileError(m_file, "record '" + record + "' claims " + std::to_string(it->second.size) +
                                   " bytes, more than the archive can hold; the file is damaged");
}

void ZipChecksums::verify(const std::string& record, const void* data, size_t size) const {
    const auto it = m_records.find(record);
    if (it == m_records.end())
        throwFileError(m_file, "record '" + record + "' is not listed in the zip directory");
    const uint32_t actual = crc32Of(data, size);
    if (actual != it->second.crc)
        throwFileError(m_file, "record '" + record + "' fails its checksum (CRC-32 " +
                                   hex32(actual) + ", the zip directory says " +
                                   hex32(it->second.crc) + "): the file is damaged");
}

} // namespace bs
