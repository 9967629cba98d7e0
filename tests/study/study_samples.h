#pragma once
// Small studies shared by the study tests: every field set, NaNs and non-ASCII names included.

#include "core/study/study.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs::test {

ModelEntry sampleModel(const std::string& name, int64_t step = -1);
DatasetEntry sampleDataset(const std::string& name, DatasetRole role);

// N models, P points, datasets "snli" (surface) then "hans-lo" (diagnostic), so that creation
// order differs from name order. Every result container is filled; some cells stay NaN.
Study fullStudy(int64_t models = 4, int64_t points = 5);

// A study of `models` models, `points` points and `datasets` datasets whose every value is
// computed (no NaN): the size of a finished study, for timing saves.
Study denseStudy(int64_t models, int64_t points, int64_t datasets);

// Exact equality with NaN == NaN, field by field; returns the first difference (empty: equal).
std::string studyDifference(const Study& a, const Study& b);

// The value a fullStudy stores at curve cell (i, j, k) of dataset d (before mirroring).
double sampleCurveValue(int64_t d, int64_t i, int64_t j, int64_t k);

} // namespace bs::test
