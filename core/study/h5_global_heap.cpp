#include "core/study/h5_global_heap.h"

#include "core/common/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bs::h5 {

namespace {

// The layout of a collection (HDF5 file format, "Global Heap"): "GCOL", version 1, three
// reserved bytes and the collection's size (a length), padded to 8 bytes; then objects, each an
// index (2 bytes), a reference count (2), 4 reserved bytes and the object's size (a length),
// followed by its bytes padded to 8. Object 0 is the free space; its size includes its header.
constexpr char kSignature[4] = {'G', 'C', 'O', 'L'};
constexpr uint8_t kVersion = 1;
constexpr uint64_t kMinimumSize = 4096; // HDF5 never writes a smaller collection

uint64_t align8(uint64_t n) {
    return (n + 7) / 8 * 8;
}

uint64_t decode(const uint8_t* p, unsigned bytes) {
    uint64_t value = 0;
    for (unsigned i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

// Reads exactly `size` bytes at `offset`; false when the file is shorter or a read fails.
bool readAt(int fd, uint64_t offset, uint8_t* out, uint64_t size) {
    while (size > 0) {
        const ssize_t got = ::pread(fd, out, size, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        out += got;
        offset += static_cast<uint64_t>(got);
        size -= static_cast<uint64_t>(got);
    }
    return true;
}

// Offsets of every "GCOL" followed by version 1 and three zero bytes: the collections. A
// signature damaged away makes HDF5 itself refuse the collection, so only intact ones matter.
std::vector<uint64_t> findCollections(int fd, uint64_t fileSize) {
    constexpr uint64_t kBlock = 4 << 20;
    constexpr uint64_t kMark = 8; // signature, version, reserved
    std::vector<uint64_t> found;
    std::vector<uint8_t> block(kBlock + kMark);
    for (uint64_t start = 0; start < fileSize; start += kBlock) {
        const uint64_t length = std::min(kBlock + kMark, fileSize - start);
        if (!readAt(fd, start, block.data(), length))
            break; // the caller sees the short file when it reads a collection
        const uint8_t* p = block.data();
        const uint8_t* end = block.data() + length;
        while (static_cast<uint64_t>(end - p) >= kMark) {
            const void* hit = ::memmem(p, static_cast<size_t>(end - p), kSignature, 4);
            if (!hit)
                break;
            const auto* h = static_cast<const uint8_t*>(hit);
            const uint64_t offset = start + static_cast<uint64_t>(h - block.data());
            // A mark that starts in the overlap is found again by the next block.
            if (static_cast<uint64_t>(end - h) >= kMark && offset < start + kBlock &&
                h[4] == kVersion && h[5] == 0 && h[6] == 0 && h[7] == 0)
                found.push_back(offset);
            p = h + 1;
        }
    }
    return found;
}

} // namespace

GlobalHeaps::GlobalHeaps(const std::string& path, uint64_t baseAddress, unsigned lengthSize)
    : m_base(baseAddress)
    , m_lengthSize(lengthSize) {
    if (lengthSize < 2 || lengthSize > 8)
        throwFileError(path, "HDF5 size of lengths is " + std::to_string(lengthSize) +
                                 " bytes, expected 2 to 8");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throwFileError(path, std::string("cannot be read: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throwFileError(path, std::string("cannot be read: ") + std::strerror(err));
    }
    const auto fileSize = static_cast<uint64_t>(st.st_size);
    for (const uint64_t offset : findCollections(fd, fileSize)) {
        checkCollection(fd, offset, fileSize);
        if (!m_damage.empty())
            break;
    }
    ::close(fd);
}

void GlobalHeaps::checkCollection(int fd, uint64_t offset, uint64_t fileSize) {
    const std::string where = "global heap collection at byte " + std::to_string(offset);
    const uint64_t headerSize = align8(8 + m_lengthSize);
    const uint64_t objectHeader = 8 + m_lengthSize;
    std::vector<uint8_t> header(headerSize);
    if (!readAt(fd, offset, header.data(), headerSize)) {
        m_damage = where + ": cut off by the end of the file";
        return;
    }
    const uint64_t size = decode(header.data() + 8, m_lengthSize);
    if (size < kMinimumSize || size > fileSize || offset > fileSize - size) {
        m_damage = where + ": size " + std::to_string(size) + " bytes does not fit the file (" +
                   std::to_string(fileSize) + " bytes; at least " + std::to_string(kMinimumSize) +
                   ")";
        return;
    }
    std::vector<uint8_t> chunk(size);
    if (!readAt(fd, offset, chunk.data(), size)) {
        m_damage = where + ": cannot be read";
        return;
    }
    auto& objects = m_objects[offset];
    // Walks the objects exactly as HDF5 does, refusing every step that would take it outside
    // the collection or make no progress (a loop HDF5 would never leave).
    uint64_t p = headerSize;
    while (p < size) {
        if (size - p < objectHeader)
            break; // a tail too small for an object header is free space
        const uint64_t index = decode(chunk.data() + p, 2);
        const uint64_t objectSize = decode(chunk.data() + p + 8, m_lengthSize);
        // Object 0 is the free space, whose size includes its header.
        const uint64_t step = index == 0 ? objectSize : objectHeader + align8(objectSize);
        if (index == 0 ? objectSize > size - p : objectSize > size - p - objectHeader) {
            m_damage = where + ": object " + std::to_string(index) + " claims " +
                       std::to_string(objectSize) + " bytes, more than the collection holds";
            return;
        }
        if (index == 0 && step < objectHeader) {
            m_damage = where + ": its free space of " + std::to_string(step) +
                       " bytes is smaller than its own header";
            return;
        }
        if (index != 0 && !objects.emplace(index, objectSize).second) {
            m_damage = where + ": object " + std::to_string(index) + " is listed twice";
            return;
        }
        if (step > size - p) { // the padding of the last object
            m_damage = where + ": object " + std::to_string(index) + " runs past its end";
            return;
        }
        p += step;
    }
}

std::string GlobalHeaps::checkReference(uint64_t address, uint64_t index, uint64_t length) const {
    const uint64_t offset = address + m_base;
    const auto collection = m_objects.find(offset);
    if (collection == m_objects.end())
        return "refers to byte " + std::to_string(offset) + ", where no global heap collection is";
    const auto object = collection->second.find(index);
    if (index == 0 || object == collection->second.end())
        return "refers to object " + std::to_string(index) +
               " of the global heap collection at byte " + std::to_string(offset) +
               ", which has no such object";
    if (object->second != length)
        return "says its text has " + std::to_string(length) + " bytes, but object " +
               std::to_string(index) + " of the global heap collection at byte " +
               std::to_string(offset) + " has " + std::to_string(object->second);
    return {};
}

} // namespace bs::h5
