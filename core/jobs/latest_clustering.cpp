#include "core/jobs/latest_clustering.h"

#include <algorithm>

namespace bs {

ClusteringResult storeLatestClustering(Study& study, const ClusterRequest& request,
                                       const JobHooks& hooks) {
    ClusteringResult result = clusterModels(study, request);
    auto& all = study.clusterings;
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const ClusteringResult& c) { return c.id == result.id; }),
              all.end());
    storeClustering(study, result);
    // A new clustering changes the file's layout: a whole save.
    hooks.persist(StudyChange::everything());
    return result;
}

} // namespace bs
