#pragma once
// ExampleLossStore: every example's loss at every point, kept beside a study so that intervals,
// new metrics and diagnostic subsets need no re-evaluation.

#include "core/study/study.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bs {

// A folder "<study file>.examples" beside the study (format in docs/study-format.md): per
// dataset a raw little-endian float32 array of the models' per-example losses [N, E] and one of
// the pairs' interior points [pairs, P - 2, E] (pair rows as in the study's /pairs), files that
// are sparse until written; a byte per model and per pair that says its values are complete,
// written after them; and manifest.json naming the models, points and datasets the arrays are
// laid out for. Losses are float32: the per-example values of the evaluator, whose mean is the
// stored loss.
class ExampleLossStore {
public:
    // The folder of `studyFile`.
    static std::filesystem::path folderOf(const std::filesystem::path& studyFile);
    static bool exists(const std::filesystem::path& studyFile);

    // Opens the store of `studyFile` for `study`'s layout, creating it when `create` and it does
    // not exist. Throws bs::Error naming the folder when it is missing (and not created), or was
    // laid out for other models, points, datasets or example counts (it then stays untouched).
    ExampleLossStore(const std::filesystem::path& studyFile, const Study& study, bool create);
    ~ExampleLossStore();
    ExampleLossStore(const ExampleLossStore&) = delete;
    ExampleLossStore& operator=(const ExampleLossStore&) = delete;

    const std::filesystem::path& folder() const { return m_folder; }
    int64_t examples(size_t dataset) const;

    bool hasModel(int64_t model) const;
    bool hasPair(int64_t i, int64_t j) const;
    int64_t modelsStored() const;
    int64_t pairsStored() const;

    // Per dataset (study order) the examples' losses of model `m`; marks the model complete.
    void writeModel(int64_t m, const std::vector<std::vector<float>>& perDataset);
    // Per dataset the examples' losses at interior point k (1 <= k <= P - 2) of pair (i, j).
    void writePoint(int64_t i, int64_t j, int64_t k,
                    const std::vector<std::vector<float>>& perDataset);
    // Marks the pair complete: call after every interior point is written.
    void finishPair(int64_t i, int64_t j);

    // The pair's losses [P][E] on one dataset, endpoints from the models' rows (both ends and
    // the pair must be complete; throws bs::Error otherwise). Row k is alpha = k / (P - 1) from
    // min(i, j) to max(i, j).
    std::vector<std::vector<float>> readPair(size_t dataset, int64_t i, int64_t j) const;
    std::vector<float> readModel(size_t dataset, int64_t m) const;

private:
    struct Files;
    std::filesystem::path m_folder;
    int64_t m_models = 0;
    int64_t m_points = 0;
    std::vector<int64_t> m_examples;
    std::unique_ptr<Files> m_files;
};

} // namespace bs
