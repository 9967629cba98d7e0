#pragma once
// Damaged copies of a study read in child processes: what a user sees when a study file was
// damaged in transit. A crash or a hang of a child is counted, never fatal to the test.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bs::test {

struct ByteFlipReport {
    int64_t copies = 0;
    int64_t read = 0;    // read as a valid study
    int64_t errors = 0;  // bs::Error whose message names the copy
    int64_t unnamed = 0; // bs::Error that does not name the file
    int64_t foreign = 0; // another exception type (not bs::Error)
    int64_t crashes = 0; // killed by a signal it raised itself
    int64_t hangs = 0;   // still running at the time limit
    double slowestSeconds = 0;
    double wallSeconds = 0;
    std::vector<std::string> problems; // one line per crash, hang or unclear error (offset, size)
};

// Writes `count` copies of `study`, each with 1, 4 or 16 consecutive bytes (in turn) replaced by
// different random bytes at a seeded random offset, and reads each with readStudy in a forked
// child, `parallel` at a time, killing a child after `timeLimitSeconds`. `work` holds the copies
// (a copy is removed once read, except the ones listed in problems).
ByteFlipReport flipAndRead(const std::filesystem::path& study, int64_t count, uint64_t seed,
                           const std::filesystem::path& work, int parallel,
                           double timeLimitSeconds);

} // namespace bs::test
