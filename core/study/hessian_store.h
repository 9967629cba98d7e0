#pragma once
// The Hessian results of a study in its file: the group /hessians (layout:
// docs/study-format.md). Files without it (all files before it) hold none.

#include "core/study/h5_file.h"
#include "core/study/study.h"

namespace bs {

// Writes /hessians with every result of `study` (nothing when there are none).
void writeHessians(h5::File& file, const Study& study);

// Fills `study.hessians` from /hessians, when present. bs::Error naming the object and field
// when one is missing or invalid (negative counts, a group listed twice, eigenvalues without
// their bounds, a density whose nodes and weights disagree).
void readHessians(const h5::File& file, Study& study);

// bs::Error naming the first Hessian result that mentions an unknown model or dataset, lists a
// group twice, or whose values are inconsistent.
void validateHessians(const Study& study);

} // namespace bs
