#include "core/jobs/study_merge.h"
#include "core/study/derived_matrices.h"

#include "core/common/error.h"
#include "core/jobs/study_jobs.h"

#include <cmath>

namespace bs {

namespace {

void requireSameStudy(const Study& target, const Study& shard, const std::string& shardName) {
    auto fail = [&](const std::string& what) {
        throw Error(shardName + " is not a shard of this study: " + what);
    };
    if (target.points != shard.points)
        fail("points per curve " + std::to_string(shard.points) + " vs " +
             std::to_string(target.points));
    if (!target.precision.empty() && !shard.precision.empty() &&
        target.precision != shard.precision)
        fail("computed in " + shard.precision + " vs " + target.precision);
    if (target.models.size() != shard.models.size())
        fail(std::to_string(shard.models.size()) + " models vs " +
             std::to_string(target.models.size()));
    for (size_t i = 0; i < target.models.size(); ++i)
        if (target.models[i].name != shard.models[i].name ||
            target.models[i].path != shard.models[i].path)
            fail("model " + std::to_string(i + 1) + " is '" + shard.models[i].name + "' vs '" +
                 target.models[i].name + "'");
    if (target.datasets.size() != shard.datasets.size())
        fail(std::to_string(shard.datasets.size()) + " datasets vs " +
             std::to_string(target.datasets.size()));
    for (size_t d = 0; d < target.datasets.size(); ++d)
        if (target.datasets[d].name != shard.datasets[d].name ||
            target.datasets[d].sampleRows != shard.datasets[d].sampleRows)
            fail("dataset '" + shard.datasets[d].name + "' differs");
}

// Takes shard values where the target has NaN; counts disagreements.
bool mergeValue(double& target, double shard, int64_t& conflicts) {
    if (std::isnan(shard))
        return false;
    if (std::isnan(target)) {
        target = shard;
        return true;
    }
    if (target != shard)
        ++conflicts;
    return false;
}

} // namespace

MergeReport mergeStudy(Study& target, const Study& shardIn, const std::string& shardName) {
    requireSameStudy(target, shardIn, shardName);
    Study shard = shardIn;
    target.ensureShapes();
    shard.ensureShapes();
    MergeReport report;
    const int64_t n = static_cast<int64_t>(target.models.size());
    for (const DatasetEntry& dataset : target.datasets) {
        auto& evals = target.evaluations[dataset.name];
        const auto& shardEvals = shard.evaluations[dataset.name];
        for (int64_t m = 0; m < n; ++m) {
            Evaluation& e = evals[static_cast<size_t>(m)];
            const Evaluation& s = shardEvals[static_cast<size_t>(m)];
            if (!e.computed() && s.computed()) {
                e = s;
                ++report.evaluations;
            } else if (e.computed() && s.computed() && e.loss != s.loss) {
                ++report.conflicts;
            }
        }
        CurveSet& curves = target.curves[dataset.name];
        const CurveSet& shardCurves = shard.curves[dataset.name];
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j) {
                bool took = false;
                for (int64_t k = 0; k < target.points; ++k) {
                    const size_t at = curves.index(i, j, k);
                    const size_t mirror = curves.index(j, i, target.points - 1 - k);
                    took |= mergeValue(curves.loss[at], shardCurves.loss[at], report.conflicts);
                    mergeValue(curves.metric[at], shardCurves.metric[at], report.conflicts);
                    curves.loss[mirror] = curves.loss[at];
                    curves.metric[mirror] = curves.metric[at];
                }
                if (took)
                    ++report.pairs;
            }
    }
    for (int64_t i = 0; i < n; ++i) {
        // A model's distance to itself is 0 (docs/study-format.md) in whichever shard has it.
        mergeValue(target.distance.at(i, i), shard.distance.at(i, i), report.conflicts);
        for (int64_t j = i + 1; j < n; ++j)
            if (mergeValue(target.distance.at(i, j), shard.distance.at(i, j), report.conflicts)) {
                target.distance.at(j, i) = target.distance.at(i, j);
                ++report.distances;
            }
    }
    for (size_t m = 0; m < target.models.size(); ++m)
        if (target.models[m].contentHash.empty())
            target.models[m].contentHash = shard.models[m].contentHash;
    if (target.precision.empty())
        target.precision = shard.precision;
    updateAllMatrices(target);
    return report;
}

} // namespace bs
