#pragma once
// StudyLock: at most one writer per study file, by an advisory lock on "<file>.lock".

#include <filesystem>
#include <optional>
#include <string>

namespace bs {

// The lock is flock(LOCK_EX | LOCK_NB) on the sidecar "<study>.lock", which records the holder's
// pid, host and purpose. The kernel drops it when the holder dies, so a lock file left by a
// killed process never blocks. flock is per open file, so a second StudyLock on the same study
// is refused inside one process too. Readers need no lock.
class StudyLock {
public:
    // Takes the lock (waiting up to 0.3 s, so that a brief holder() check does not refuse a
    // writer) or throws bs::Error, e.g. "runs/study.h5 is being written by process 1234
    // (basinscope-cli curves); wait for it or stop it". `purpose` names the holder for that
    // message. Fails before creating anything when the study's folder does not exist. Once
    // held, temporary files left by a killed writer ("<study>.tmp-<pid>") are removed.
    StudyLock(const std::filesystem::path& studyFile, const std::string& purpose);
    ~StudyLock();
    StudyLock(StudyLock&& other) noexcept;
    StudyLock& operator=(StudyLock&& other) noexcept;
    StudyLock(const StudyLock&) = delete;
    StudyLock& operator=(const StudyLock&) = delete;

    // Who is writing `studyFile`, e.g. "process 1234 (basinscope-cli curves)", or nullopt when
    // nobody is. Creates, removes and keeps nothing: for a GUI that opens a study to show it.
    static std::optional<std::string> holder(const std::filesystem::path& studyFile);

    const std::filesystem::path& studyFile() const { return m_studyFile; }
    const std::filesystem::path& lockFile() const { return m_lockFile; }
    bool held() const { return m_fd >= 0; }
    // Removes the lock file and drops the lock (the destructor does this too).
    void release();

private:
    std::filesystem::path m_studyFile;
    std::filesystem::path m_lockFile;
    int m_fd = -1;
};

} // namespace bs
