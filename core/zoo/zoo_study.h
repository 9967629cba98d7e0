#pragma once
// The demo study of a zoo: its datasets, clustering of the CG matrix, and group summaries.

#include "core/analysis/matrix.h"
#include "core/jobs/study_builder.h"
#include "core/study/study.h"

#include "core/landscape/pair_schedule.h"

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace bs::zoo {

struct DemoStudySettings {
    int64_t samples = 200; // rows per dataset (random, seeded)
    int64_t points = 8;    // points per curve
    // Intermediate checkpoints added to the study (steps the manifest records), for the
    // training-dynamics view; empty: none.
    std::vector<int64_t> checkpointSteps;
};

// Tokens per row in the demo study: the longest toy sentence is 19 tokens with [CLS] and
// [SEP], and the zoo's models have 32 positions.
inline constexpr int64_t kDemoMaxLength = 32;

// Models: the zoo's final checkpoints (manifest order). Surface "dev" (data/dev.tsv, natural
// data); diagnostics "cue-conflicts" (the cue word contradicts the label) and "no-cue".
// The final models come first; then, step by step, every run's checkpoint of that step.
NewStudyOptions demoStudyOptions(const std::filesystem::path& zoo,
                                 const DemoStudySettings& settings);

// The pairs the demo computes: every pair of final models, and every pair of checkpoints of
// the same step (what the training-dynamics view clusters); never a checkpoint against
// another step or a final model.
std::vector<ModelPair> demoPairs(const Study& study);

// A plane through three final models that spans both clusters of `clustering`: the two
// models of different clusters with the highest value of `matrix` (the origin and the first
// axis), and the model of the origin's cluster farthest from the origin by that matrix.
// Throws when a cluster has fewer than two models.
std::array<std::string, 3>
planeAcrossClusters(const Study& study, const ClusteringResult& clustering, const Matrix& matrix);

// Spectral clustering (k = 2, delta = the median off-diagonal value) of a matrix of
// `dataset` derived from curves (the demo uses CG and peak excess), as the study stores it.
// Models whose pairs are missing are left out. Id: "<matrix id>-<dataset>-k2".
ClusteringResult clusterMatrix(const Study& study, const std::string& dataset, MatrixKind matrix);

// Medians of a symmetric matrix's off-diagonal entries within and across two groups.
struct GroupContrast {
    double within = kNaN;
    double across = kNaN;
    double withinMax = kNaN;
    double acrossMin = kNaN;
    int64_t withinPairs = 0;
    int64_t acrossPairs = 0;
};
GroupContrast contrastGroups(const Matrix& m, const std::vector<int>& group);

} // namespace bs::zoo
