#pragma once
// Opening a study file from a command: read, lock for writing, save after each unit.

#include "app/cli/cli_context.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/study.h"
#include "core/study/study_writer.h"

#include <filesystem>
#include <memory>
#include <string>

namespace bs {
class StudyLock;
}

namespace bs::cli {

// A study opened by a command that writes it: the lock is held until destruction.
class WritableStudy {
public:
    // Takes the writer lock first (a second writer is refused), then reads the file.
    WritableStudy(const std::filesystem::path& file, const std::string& purpose);
    ~WritableStudy();

    Study& study() { return m_study; }
    const std::filesystem::path& path() const { return m_path; }
    // Writes what `change` names (in place where the file allows; see StudyWriter).
    void save(const StudyChange& change = StudyChange::everything());
    // Seconds spent saving so far (the store's share of a command's time).
    double storeSeconds() const { return m_writer.seconds(); }

private:
    std::filesystem::path m_path;
    std::unique_ptr<StudyLock> m_lock;
    Study m_study;
    StudyWriter m_writer;
};

// Compute options from the command line (--batch-size, --device, --memory).
ComputeOptions computeOptions(const CliContext& context);

// Hooks that draw a progress bar, stop on Ctrl-C and save the study after each unit.
JobHooks cliHooks(ProgressFn progress, WritableStudy& study);

} // namespace bs::cli
