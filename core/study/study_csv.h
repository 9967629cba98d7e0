#pragma once
// CSV views of a study's results, for spreadsheets and plotting scripts.

#include "core/common/csv_field.h"
#include "core/common/matrix_kind.h"
#include "core/study/study.h"

#include <string>

namespace bs {

// The matrix of this kind on `dataset` (ignored for the distance matrix).
const Matrix& studyMatrix(const Study& study, MatrixKind kind, const std::string& dataset);
// The same by matrixId ("cg", ...): throws for an unknown id, naming the known ones.
const Matrix& studyMatrix(const Study& study, const std::string& what, const std::string& dataset);

// An N x N matrix with a header row and a first column of model names; empty cells for NaN.
std::string matrixCsv(const Study& study, const std::string& what, const std::string& dataset);
// One row per model: name, family, run, step, then loss and metrics of every dataset.
std::string evaluationsCsv(const Study& study);
// Long format: dataset, model_a, model_b, alpha, loss, metric (computed points only).
std::string curvesCsv(const Study& study, const std::string& dataset);

// Shortest text that reads back as the same double; empty for NaN.
std::string csvNumber(double value);

} // namespace bs
