#pragma once
// The demo study of a zoo: its datasets, clustering of the CG matrix, and group summaries.

#include "core/analysis/matrix.h"
#include "core/jobs/study_builder.h"
#include "core/study/study.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bs::zoo {

struct DemoStudySettings {
    int64_t samples = 200; // rows per dataset (random, seeded: HANS files are grouped by case)
    int64_t points = 8;    // points per curve
};

// Models: the zoo's final checkpoints (manifest order). Surface "dev" (data/dev.tsv);
// diagnostics "dev-swaps" (dev_swaps.tsv), "hans" (every non-entailed diagnostic row), and its
// subsets "hans-lo" (lexical_overlap) and "hans-sub" (subsequence).
NewStudyOptions demoStudyOptions(const std::filesystem::path& zoo,
                                 const DemoStudySettings& settings);

// Spectral clustering (k = 2, delta = the median off-diagonal value) of a derived matrix of
// `dataset` ("cg" or "peak_excess"), as the study stores it. Models whose pairs are missing
// are left out. Id: "<matrix>-<dataset>-k2".
ClusteringResult clusterMatrix(const Study& study, const std::string& dataset,
                               const std::string& matrix);

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
