#pragma once
// Parameter groups of a transformer classifier (embeddings, each layer, the head), found from
// the Hugging Face parameter names so that every supported family groups the same way.

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

struct ParameterSlot;

// A group of parameters as ranges [offset, offset + length) of the flat vector.
struct ParameterGroup {
    std::string name; // "embeddings", "layer 0", ..., "head"
    std::vector<std::pair<int64_t, int64_t>> ranges;
    std::vector<std::string> parameters; // the names it holds, in flat order
    int64_t scalars = 0;
};

// Groups `slots` into embeddings, one group per encoder layer (".layer.N." in the name: BERT
// and RoBERTa `encoder.layer.N`, DistilBERT `transformer.layer.N`) in layer order, and the
// head (pooler, pre-classifier, classifier: everything else). Groups without parameters are
// left out; every slot belongs to exactly one group.
std::vector<ParameterGroup> parameterGroups(const std::vector<ParameterSlot>& slots);

} // namespace bs
