#pragma once
// Model and dataset choices shared by the pair analyses (attribution, flipped examples).

#include <cstdint>

class QComboBox;

namespace bs {
struct Study;
}

namespace bs::ui {

// Fills both boxes with the study's model names, keeping the current choices where the
// models are still there; otherwise the first two models.
void fillModelBoxes(const Study& study, QComboBox* first, QComboBox* second);
// Fills the box with the study's datasets (name as item data), keeping the current one; else
// the first diagnostic dataset (preferDiagnostic) or the surface dataset.
void fillDatasetBox(const Study& study, QComboBox* box, bool preferDiagnostic);
// Chooses models i and j (indices of the study) when both exist.
void choosePair(const Study& study, QComboBox* first, QComboBox* second, int64_t i, int64_t j);

} // namespace bs::ui
