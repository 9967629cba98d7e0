#pragma once
// What the Clusters tab's views draw for a clustering and a model column: plain value types
// for the widgets, computed from the study (no widget, no job).

#include "core/jobs/cluster_job.h"
#include "widgets/cluster_views.h"

#include <QString>

namespace bs::ui {

struct ClusterViewData {
    EmbeddingData embedding; // the two most varying embedding columns, coloured by cluster
    ScatterData score;       // the column against the centroid score (k = 2)
    ScatterData sharpness;   // the column against ε-sharpness on the clustering's dataset
    HistogramData histogram; // the column's values per cluster
};

// `clustering` may be null (nothing clustered yet: the views show `emptyText`); `column` is a
// model column id (see modelColumns), empty for none.
ClusterViewData clusterViewData(const Study& study, const ClusteringResult* clustering,
                                const QString& column, const QString& emptyText);

} // namespace bs::ui
