#pragma once
// How random directions around a model are drawn (torch-free, so the study can record it).

#include <cstdint>
#include <string>

namespace bs {

// What becomes of one-dimensional parameters (biases, LayerNorm weights and biases), which
// have no filters: zeroed, so that the surface varies the weight matrices only (the paper's
// `--xignore biasbn`), or kept, i.e. set to the model's own values as the paper's code does.
enum class BiasTreatment { Zero, Keep };

// Enough to recompute a direction bit for bit: the directions themselves are never stored.
struct DirectionOptions {
    uint64_t seed = 0;
    BiasTreatment biases = BiasTreatment::Zero;
    bool operator==(const DirectionOptions&) const = default;
};

const char* biasTreatmentName(BiasTreatment biases);       // "zero", "keep"
BiasTreatment parseBiasTreatment(const std::string& name); // bs::Error otherwise

} // namespace bs
