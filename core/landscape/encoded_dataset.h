#pragma once
// EncodedDataset: a dataset's examples as token ids, encoded once per study run.

#include "core/data/example.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bs {

class WordPieceTokenizer;

struct EncodedDataset {
    std::string name;
    std::vector<std::vector<int64_t>> inputIds;
    std::vector<std::vector<int64_t>> tokenTypeIds; // same lengths as inputIds
    std::vector<int64_t> labels;                    // index into labelNames
    std::vector<int64_t> rows;                      // source rows (Example::row)
    std::vector<std::string> labelNames;
    std::string primaryMetric = metricId(Metric::Accuracy);
    int64_t positiveLabel = 1;
    int64_t truncated = 0; // examples that were cut to maxLength

    int64_t size() const { return static_cast<int64_t>(inputIds.size()); }
    int64_t tokens() const; // sum of unpadded lengths
};

// Tokenizes text examples with `tokenizer` ([CLS] a [SEP] b [SEP], longest_first truncation to
// maxLength); pre-tokenized examples are taken as they are (they must fit maxLength: a longer
// one is an error naming its row, never cut silently). `tokenizer` may be null only for
// pre-tokenized datasets.
EncodedDataset encodeDataset(const Dataset& dataset, const WordPieceTokenizer* tokenizer,
                             int64_t maxLength, const std::string& name = {});

} // namespace bs
