#pragma once
// Content hashes of weight files: cheap, stable identities for caching and studies.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace bs {

class CheckpointReader;

// XXH64 (the xxHash 64-bit algorithm, same result as `xxhsum -H64`).
uint64_t xxHash64(const void* data, size_t size, uint64_t seed = 0);

// XXH64 of a file's bytes (memory-mapped, ~GB/s), as 16 lowercase hex digits.
std::string hashFileContents(const std::filesystem::path& path);

// A stable identity of an opened checkpoint: XXH64 over config.json and the weight
// file(s) it was read from (for sharded formats the index and every shard), each with
// its file name. Changes when any byte of them changes; ~0.6 s per GB.
std::string hashCheckpointFiles(const CheckpointReader& reader);

} // namespace bs
