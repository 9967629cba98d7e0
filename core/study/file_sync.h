#pragma once
// Flushing a study file (or its folder) from the operating system to the disk.

#include <filesystem>
#include <string>

namespace bs {

// fsync of `path` (a folder when `directory`); bs::Error naming `file` when it fails. Folders
// on file systems that cannot sync them (EINVAL, ENOTSUP) are let go: a rename is still atomic.
void syncToDisk(const std::filesystem::path& path, bool directory, const std::string& file);

} // namespace bs
