#pragma once
// Model soups: the uniform weight average of a set of models, evaluated like a model, and the
// selections that compare averaging within a basin to averaging across basins.

#include "core/landscape/evaluation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

struct SoupEvaluation {
    std::string name;                // e.g. "soup of cluster 1"
    std::string kind;                // "selection", "within", "across"
    int64_t cluster = -1;            // the cluster a within/across soup is measured against
    std::vector<std::string> models; // its ingredients
    std::vector<std::string> datasets;
    std::vector<Evaluation> evaluations;    // the soup, per dataset
    std::vector<Evaluation> ingredientMean; // the mean of the ingredients' own evaluations
    std::string savedTo;                    // checkpoint folder, when saved
};

// A set of models to average (indices into a model list) and what it stands for.
struct SoupSelection {
    std::string kind; // "within" or "across"
    int64_t cluster = -1;
    std::vector<int64_t> models;
};

// For every cluster with at least two members: the cluster itself ("within"), and a selection
// of the same size drawn across clusters ("across"): round robin over the clusters, starting
// with this one and going on in cluster order, each cluster's members in model order, so that
// every cluster that can contribute does. None when there is a single cluster.
std::vector<SoupSelection> withinAcrossSelections(const std::vector<int64_t>& labels);

// Mean loss and metrics of `evaluations` (the computed ones), counting examples of the first.
Evaluation meanEvaluation(const std::vector<Evaluation>& evaluations);

// One row per (soup, dataset): name, kind, cluster, models (space-separated), dataset, loss,
// accuracy, f1, mcc, and the ingredients' mean loss and accuracy.
std::string soupsCsv(const std::vector<SoupEvaluation>& soups);

} // namespace bs
