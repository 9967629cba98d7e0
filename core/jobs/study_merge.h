#pragma once
// Merging studies computed in shards (`curves --shard k/n`) back into one.

#include "core/study/study.h"

#include <string>

namespace bs {

struct MergeReport {
    int64_t evaluations = 0; // model x dataset evaluations taken from the shard
    int64_t pairs = 0;       // curves (pair x dataset) taken from the shard
    int64_t distances = 0;
    int64_t conflicts = 0; // values present in both that differ (the target's are kept)
};

// Copies every result of `shard` that `target` lacks. Both must describe the same study:
// same models (names and folders), datasets (names and rows) and points per curve;
// otherwise a bs::Error says what differs. `shardName` names the shard in messages.
MergeReport mergeStudy(Study& target, const Study& shard, const std::string& shardName);

} // namespace bs
