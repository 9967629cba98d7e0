#pragma once
// The Hessian spectrum of one model on one dataset as the study keeps it (torch-free: views
// include it). Stored by hessian_store (layout: docs/study-format.md).

#include "core/landscape/hessian_values.h"

#include <string>
#include <vector>

namespace bs {

// One parameter group's values: top eigenvalues with their residual bounds, trace with its
// standard error, and the density when it was asked for.
struct HessianGroupValue {
    std::string group; // parameter-name prefix; "" for all parameters
    HessianValue value;
};

// Everything computed for one (model, dataset) with one set of settings, group by group in
// the order they were computed.
struct HessianResult {
    std::string model;
    std::string dataset;
    HessianOptions settings; // its `group` is unused (always "")
    std::vector<HessianGroupValue> groups;

    const HessianGroupValue* find(const std::string& group) const {
        for (const HessianGroupValue& g : groups)
            if (g.group == group)
                return &g;
        return nullptr;
    }
};

// The study's result for (model, dataset), or nullptr.
inline const HessianResult* findHessian(const std::vector<HessianResult>& results,
                                        const std::string& model, const std::string& dataset) {
    for (const HessianResult& r : results)
        if (r.model == model && r.dataset == dataset)
            return &r;
    return nullptr;
}

// Keeps `value` of `group` in `results`: added to the (model, dataset) result when its settings
// are `settings` (replacing the group if present), otherwise that result is replaced by a new
// one holding this group only (other settings are another computation). Returns whether an
// older result of other settings was dropped.
inline bool recordHessian(std::vector<HessianResult>& results, const std::string& model,
                          const std::string& dataset, HessianOptions settings,
                          HessianGroupValue value) {
    settings.group.clear();
    for (HessianResult& r : results) {
        if (r.model != model || r.dataset != dataset)
            continue;
        const bool replaced = !r.settings.sameSettings(settings);
        if (replaced) {
            r.settings = settings;
            r.groups.clear();
        }
        for (HessianGroupValue& g : r.groups)
            if (g.group == value.group) {
                g = std::move(value);
                return replaced;
            }
        r.groups.push_back(std::move(value));
        return replaced;
    }
    results.push_back({model, dataset, settings, {std::move(value)}});
    return false;
}

} // namespace bs
