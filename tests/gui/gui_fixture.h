#pragma once
// Studies for the GUI tests, built from the reference fixture models and tests/data files.

#include "core/study/study.h"

#include <QString>

namespace bs::test {

// Creates model folders m0..m{n-1} under `dir`, each holding symlinks to the files of
// bert-seed1 (even k) or bert-seed2 (odd k): distinct names, two distinct parameter vectors.
void makeModelFolders(const QString& dir, int n);

// Builds (buildStudy) a study of those n models with the MNLI test file as surface dataset
// and HANS lexical overlap as diagnostic, `points` per curve, and writes it to `path`.
Study buildFixtureStudy(const QString& dir, int n, int points, const QString& path);

// Evaluates every model and computes every curve of the study at `path` (this thread).
void computeFixtureStudy(const QString& path);

// A study of n models whose matrices are filled with values (no checkpoints behind it), for
// view benchmarks: CG(i, j) = |score_i - score_j| with score_i = i / n.
Study syntheticStudy(int n, int points);

} // namespace bs::test
