#pragma once
// The trained curves of a study in its file: the group /trained_curves (layout:
// docs/study-format.md). Files without it (all files before it) hold none.

#include "core/study/h5_file.h"
#include "core/study/study.h"

namespace bs {

// Writes /trained_curves with every curve of `study` (nothing when there are none).
void writeTrainedCurves(h5::File& file, const Study& study);

// Fills `study.trainedCurves` from /trained_curves, when present; the barrier metrics are
// computed from the losses read. bs::Error naming the object and field when one is missing or
// invalid (an unknown kind or optimizer, negative counts, arrays whose lengths disagree,
// points t that are not k / (P - 1), a stored barrier height that its losses contradict).
void readTrainedCurves(const h5::File& file, Study& study);

// bs::Error naming the first trained curve with an invalid or repeated id, an unknown endpoint
// or dataset, or arrays whose lengths disagree.
void validateTrainedCurves(const Study& study);

} // namespace bs
