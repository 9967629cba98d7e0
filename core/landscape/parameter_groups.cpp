#include "core/landscape/parameter_groups.h"

#include "core/landscape/parameter_space.h"

#include <map>
#include <optional>

namespace bs {

namespace {

// The layer number in a name such as "bert.encoder.layer.11.output.dense.weight".
std::optional<int64_t> layerNumber(const std::string& name) {
    static const std::string marker = ".layer.";
    const size_t at = name.find(marker);
    if (at == std::string::npos)
        return std::nullopt;
    size_t end = at + marker.size();
    int64_t number = 0;
    bool digits = false;
    while (end < name.size() && name[end] >= '0' && name[end] <= '9') {
        number = number * 10 + (name[end] - '0');
        digits = true;
        ++end;
    }
    if (!digits || end >= name.size() || name[end] != '.')
        return std::nullopt;
    return number;
}

void add(ParameterGroup& group, const ParameterSlot& slot) {
    group.parameters.push_back(slot.name);
    group.scalars += slot.numel;
    // Slots of a group are mostly adjacent in the flat vector: one range per run of them.
    if (!group.ranges.empty() &&
        group.ranges.back().first + group.ranges.back().second == slot.offset)
        group.ranges.back().second += slot.numel;
    else
        group.ranges.emplace_back(slot.offset, slot.numel);
}

} // namespace

std::vector<ParameterGroup> parameterGroups(const std::vector<ParameterSlot>& slots) {
    ParameterGroup embeddings{"embeddings", {}, {}, 0};
    ParameterGroup head{"head", {}, {}, 0};
    std::map<int64_t, ParameterGroup> layers;
    for (const ParameterSlot& slot : slots) {
        if (const auto layer = layerNumber(slot.name)) {
            ParameterGroup& group = layers[*layer];
            group.name = "layer " + std::to_string(*layer);
            add(group, slot);
        } else if (slot.name.find("embeddings.") != std::string::npos) {
            add(embeddings, slot);
        } else {
            add(head, slot);
        }
    }
    std::vector<ParameterGroup> groups;
    if (embeddings.scalars > 0)
        groups.push_back(std::move(embeddings));
    for (auto& [number, group] : layers)
        groups.push_back(std::move(group));
    if (head.scalars > 0)
        groups.push_back(std::move(head));
    return groups;
}

} // namespace bs
