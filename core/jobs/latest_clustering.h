#pragma once
// Storing the clustering a user chose as the study's latest one.

#include "core/jobs/cluster_job.h"
#include "core/jobs/study_jobs.h"

namespace bs {

// Clusters as `request` says and stores the result last among the study's clusterings (the
// models table and the map's sort key show the latest), replacing one with the same id; then
// saves the study through `hooks`. Returns the stored clustering.
ClusteringResult storeLatestClustering(Study& study, const ClusterRequest& request,
                                       const JobHooks& hooks);

} // namespace bs
