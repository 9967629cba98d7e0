#pragma once
// Metric: the classification metrics a study evaluates, and the one place their names are
// spelled.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

// A dataset's primary metric is one of these; every evaluation holds all three (and the loss,
// which is not a metric: it is what every curve and plane is, not a choice among quantities).
enum class Metric { Accuracy, F1, Mcc };

// Every metric, in column order (the order of the evaluations table and its CSV).
const std::vector<Metric>& allMetrics();

// The id users type and files record: "accuracy", "f1", "mcc". A metric's id is also its
// file name (the `primary_metric` attribute, /evaluations/<dataset>/<name> and the
// evaluations CSV's "<dataset>_<name>" headers); metricFileName says which use is meant.
const std::string& metricId(Metric metric);
const std::string& metricFileName(Metric metric);
// What a person reads: "Accuracy", "F1", "MCC".
const std::string& metricDisplayName(Metric metric);

// The metric with this id; nullopt when none has it.
std::optional<Metric> findMetric(std::string_view id);
// The metric with this id; throws bs::Error naming the unknown id and the known ones.
Metric parseMetric(std::string_view id);

// "accuracy, f1 or mcc", for help texts and errors.
std::string metricIdList();

} // namespace bs
