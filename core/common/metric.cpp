#include "core/common/metric.h"

#include "core/common/error.h"

#include <array>

namespace bs {

namespace {

struct Names {
    Metric metric;
    std::string id;
    std::string displayName;
};

// The only spelling of these names in the program (a test greps the sources for others).
const std::array<Names, 3>& table() {
    static const std::array<Names, 3> names{{
        {Metric::Accuracy, "accuracy", "Accuracy"},
        {Metric::F1, "f1", "F1"},
        {Metric::Mcc, "mcc", "MCC"},
    }};
    return names;
}

const Names& namesOf(Metric metric) {
    for (const Names& n : table())
        if (n.metric == metric)
            return n;
    throw Error("metric " + std::to_string(static_cast<int>(metric)) + " has no name");
}

} // namespace

const std::vector<Metric>& allMetrics() {
    static const std::vector<Metric> metrics = [] {
        std::vector<Metric> out;
        for (const Names& n : table())
            out.push_back(n.metric);
        return out;
    }();
    return metrics;
}

const std::string& metricId(Metric metric) {
    return namesOf(metric).id;
}

const std::string& metricFileName(Metric metric) {
    return namesOf(metric).id;
}

const std::string& metricDisplayName(Metric metric) {
    return namesOf(metric).displayName;
}

std::optional<Metric> findMetric(std::string_view id) {
    for (const Names& n : table())
        if (n.id == id)
            return n.metric;
    return std::nullopt;
}

Metric parseMetric(std::string_view id) {
    if (const auto metric = findMetric(id))
        return *metric;
    throw Error("unknown metric '" + std::string(id) + "'; expected " + metricIdList());
}

std::string metricIdList() {
    std::string list;
    for (size_t i = 0; i < table().size(); ++i)
        list += (i == 0 ? "" : i + 1 == table().size() ? " or " : ", ") + table()[i].id;
    return list;
}

} // namespace bs
