#pragma once
// ModelSelection: the models the user selected (in the models table), for panels that act on
// them without knowing where the selection is made.

#include <cstdint>
#include <vector>

namespace bs::ui {

class ModelSelection {
public:
    virtual ~ModelSelection() = default;
    // Indices into the open study's models, in table order; empty when none is selected.
    virtual std::vector<int64_t> selectedModels() const = 0;
};

} // namespace bs::ui
