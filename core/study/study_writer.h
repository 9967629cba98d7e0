#pragma once
// StudyWriter: saves a study while it is computed, writing only what the last unit of work
// changed (layout and guarantees: docs/study-format.md).

#include "core/study/study.h"

#include <cstdint>
#include <filesystem>
#include <memory>

namespace bs {

// What a save must write: the results of one unit of work, or everything.
struct StudyChange {
    enum class Kind {
        Everything, // models, datasets, planes or clusterings were added, removed or edited
        Model,      // the evaluations (and content hash) of model `first`
        Pair,       // the curves, matrix cells, distance and hashes of models `first` < `second`
        Plane,      // the grid of plane number `first`
        Sharpness,  // the value of sharpness row `first`
        Distances,  // the whole distance matrix and every content hash
    };
    Kind kind = Kind::Everything;
    int64_t first = -1;
    int64_t second = -1;

    static StudyChange everything() { return {}; }
    static StudyChange model(int64_t m) { return {Kind::Model, m, -1}; }
    static StudyChange pair(int64_t i, int64_t j) { return {Kind::Pair, i, j}; }
    static StudyChange plane(int64_t index) { return {Kind::Plane, index, -1}; }
    static StudyChange sharpness(int64_t row) { return {Kind::Sharpness, row, -1}; }
    static StudyChange distances() { return {Kind::Distances, -1, -1}; }
};

// Owned by the one writer of a study file (who holds its StudyLock). A unit of work is written
// into the existing file, in place, and handed to the operating system before save() returns,
// so its cost depends on the unit (P x datasets values for a pair), not on the study's size,
// and a process killed at any moment loses at most the unit in flight. Whenever the file does
// not hold the study's layout (another format version, other models, datasets, planes or
// sharpness rows) and for Kind::Everything, the file is rewritten whole and atomically instead
// (writeStudy). Errors are bs::Error naming the file; the file then still holds every unit
// saved before.
class StudyWriter {
public:
    explicit StudyWriter(std::filesystem::path file);
    ~StudyWriter();
    StudyWriter(const StudyWriter&) = delete;
    StudyWriter& operator=(const StudyWriter&) = delete;

    void save(const Study& study, const StudyChange& change);
    // Flushes the file to the disk (not only to the operating system) and closes it; the next
    // save reopens it. Called by the destructor, which swallows errors.
    void close();

    const std::filesystem::path& file() const { return m_file; }
    double seconds() const { return m_seconds; } // wall time spent in save() and close()
    int64_t inPlaceSaves() const { return m_inPlace; }
    int64_t fullSaves() const { return m_full; }

private:
    struct Open;
    // False when the file lacks an array the unit needs (nothing written then).
    bool saveInPlace(const Study& study, const StudyChange& change);
    void saveWhole(const Study& study);

    std::filesystem::path m_file;
    std::unique_ptr<Open> m_open;
    double m_seconds = 0;
    int64_t m_inPlace = 0;
    int64_t m_full = 0;
};

} // namespace bs
