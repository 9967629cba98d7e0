#include "core/study/h5_file.h"

#include "core/study/h5_global_heap.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace bs::h5 {

namespace {

// The raw bytes of a contiguous dataset, read past HDF5 so that nothing in them is trusted yet.
std::vector<uint8_t> rawBytes(const std::string& path, uint64_t offset, uint64_t size,
                              std::string* error) {
    std::vector<uint8_t> out(size);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = std::string("cannot be read: ") + std::strerror(errno);
        return {};
    }
    uint64_t done = 0;
    while (done < size) {
        const ssize_t got =
            ::pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            *error = "its values lie past the end of the file";
            break;
        }
        done += static_cast<uint64_t>(got);
    }
    ::close(fd);
    return out;
}

uint64_t decodeLE(const uint8_t* p, size_t bytes) {
    uint64_t value = 0;
    for (size_t i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

} // namespace

const GlobalHeaps& File::globalHeaps() const {
    if (!m_heaps) {
        Handle fcpl(H5Fget_create_plist(m_file.get()), H5Pclose);
        size_t addressSize = 0, lengthSize = 0;
        hsize_t userBlock = 0;
        if (!fcpl.valid() || H5Pget_sizes(fcpl.get(), &addressSize, &lengthSize) < 0 ||
            H5Pget_userblock(fcpl.get(), &userBlock) < 0)
            fail("", "cannot read the file's HDF5 settings; it is damaged");
        m_heaps = std::make_shared<const GlobalHeaps>(m_path, userBlock,
                                                      static_cast<unsigned>(lengthSize));
    }
    return *m_heaps;
}

void File::checkVariableText(const std::string& what, hid_t dataset, int64_t count) const {
    const GlobalHeaps& heaps = globalHeaps();
    if (!heaps.damage().empty())
        fail("", "is damaged: " + heaps.damage() + " (HDF5 keeps text there)");
    if (dataset < 0 || count == 0)
        return;
    Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
    const H5D_layout_t layout = dcpl.valid() ? H5Pget_layout(dcpl.get()) : H5D_LAYOUT_ERROR;
    if (layout == H5D_COMPACT)
        return; // the references sit in the object header, which HDF5 checksums
    if (layout != H5D_CONTIGUOUS)
        fail(what, "stores its text in chunks or another layout BasinScope does not read");
    const haddr_t offset = H5Dget_offset(dataset);
    if (offset == HADDR_UNDEF)
        return; // never written: reads as empty text without touching the heap
    Handle fcpl(H5Fget_create_plist(m_file.get()), H5Pclose);
    size_t addressSize = 0, lengthSize = 0;
    H5Pget_sizes(fcpl.get(), &addressSize, &lengthSize);
    // A reference: the text's length (4 bytes), the collection's address, the object's index (4).
    const uint64_t referenceSize = 4 + addressSize + 4;
    const uint64_t storage = H5Dget_storage_size(dataset);
    if (addressSize < 2 || addressSize > 8 ||
        storage / referenceSize < static_cast<uint64_t>(count))
        fail(what, "holds " + std::to_string(storage) + " bytes, too few for " +
                       std::to_string(count) + " text values; the file is damaged");
    std::string error;
    const auto bytes =
        rawBytes(m_path, offset, referenceSize * static_cast<uint64_t>(count), &error);
    if (!error.empty())
        fail(what, error + "; the file is damaged");
    for (int64_t i = 0; i < count; ++i) {
        const uint8_t* r = bytes.data() + referenceSize * static_cast<uint64_t>(i);
        const uint64_t length = decodeLE(r, 4);
        const uint64_t address = decodeLE(r + 4, addressSize);
        const uint64_t index = decodeLE(r + 4 + addressSize, 4);
        if (address == 0)
            continue; // a null string: HDF5 reads nothing
        if (const auto problem = heaps.checkReference(address, index, length); !problem.empty())
            fail(what, "value " + std::to_string(i) + " " + problem + "; the file is damaged");
    }
}

} // namespace bs::h5
