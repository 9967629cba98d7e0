#pragma once
// Reading a Study from its HDF5 file and writing it atomically (layout: docs/study-format.md).

#include "core/study/study.h"

#include <filesystem>

namespace bs {

// Reads a whole study. Throws bs::Error naming the file, and the object inside it, when the
// file is missing, not HDF5, damaged, not a BasinScope study, written by a newer BasinScope,
// or inconsistent (e.g. "/curves/mnli/loss has shape [3, 3, 10], expected [4, 4, 10]").
// Readers need no StudyLock: a study file is only ever replaced whole.
Study readStudy(const std::filesystem::path& file);

// Writes the study atomically: a temporary "<file>.tmp-<pid>" in the same folder is written,
// flushed to disk and renamed over `file`, then the folder is synced. A crash at any moment
// leaves either the previous or the new study, never a torn file. Writers hold a StudyLock.
// Refuses, before creating anything, when the folder is missing or `file` exists but is not a
// BasinScope study (or is one from a newer BasinScope); bs::Error when the study is inconsistent.
void writeStudy(const Study& study, const std::filesystem::path& file);

} // namespace bs
