#pragma once
// The matrices derived from a study's curves (barrier height, convexity gap, peak excess, AUC).

#include "core/study/study.h"

#include <cstdint>

namespace bs {

// Recomputes the cells (i, j) and (j, i) of every dataset's matrices from that pair's curve:
// NaN when the curve is incomplete. O(datasets x P), whatever the number of models.
void updatePairMatrices(Study& study, int64_t i, int64_t j);

// Recomputes every cell. The diagonal is NaN, as the file format documents: a model and
// itself are no pair. (Files written before hold 0 there and are read as they are; every
// reader of these matrices skips the diagonal.)
void updateAllMatrices(Study& study);

// Fills the cells of every pair whose curve is complete but whose cells are missing, leaving
// every other cell untouched. A computation writes a pair's curve and its cells separately, so
// a process killed in between can leave such a pair; reading the file repairs it. (A cell
// written before its curve is overwritten with the same value when the pair is recomputed.)
void repairMatrices(Study& study);

} // namespace bs
