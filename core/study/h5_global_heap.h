#pragma once
// GlobalHeaps: checks the HDF5 global heap collections of a file before HDF5 reads them.
//
// Variable-length strings live in global heap collections ("GCOL"), the one structure of a file
// written with 1.8 object headers that carries no checksum: superblock, object headers, B-trees
// and fractal heaps are checksummed and HDF5 verifies them. HDF5 1.10 trusts a collection's
// object table, copying as many bytes as an object's size field says and indexing its object
// array with the index a reference gives, so a few damaged bytes there crash the process
// (measured: every crash of a byte-flipped study was in H5HG_read). Checking each collection's
// table, and each reference a text dataset holds, before HDF5 reads them turns that into an error.

#include <cstdint>
#include <map>
#include <string>

namespace bs::h5 {

class GlobalHeaps {
public:
    // Reads the file at `path` (with pread, not a mapping, so that a file truncated meanwhile
    // gives an error instead of SIGBUS) and checks every collection in it. `baseAddress` is where
    // HDF5 addresses start (the user block's size), `lengthSize` the file's size of lengths
    // (8 in files BasinScope writes). Throws bs::Error naming the file when it cannot be read.
    GlobalHeaps(const std::string& path, uint64_t baseAddress, unsigned lengthSize);

    // The first damage found, e.g. "global heap collection at byte 2048: object 3 (40 bytes)
    // runs past the collection's end"; empty when every collection is sound.
    const std::string& damage() const { return m_damage; }

    // Empty when (collection address, object index) names an object of exactly `length` bytes,
    // else what is wrong with the reference.
    std::string checkReference(uint64_t address, uint64_t index, uint64_t length) const;

    // The number of collections found (for tests).
    size_t collections() const { return m_objects.size(); }

private:
    void checkCollection(int fd, uint64_t offset, uint64_t fileSize);

    uint64_t m_base = 0;
    unsigned m_lengthSize = 8;
    // Collection address (absolute file offset) -> object index -> object size in bytes.
    std::map<uint64_t, std::map<uint64_t, uint64_t>> m_objects;
    std::string m_damage;
};

} // namespace bs::h5
