#include "core/landscape/encoded_dataset.h"

#include "core/common/error.h"
#include "core/text/wordpiece_tokenizer.h"

#include <optional>

namespace bs {

int64_t EncodedDataset::tokens() const {
    int64_t total = 0;
    for (const auto& ids : inputIds)
        total += static_cast<int64_t>(ids.size());
    return total;
}

EncodedDataset encodeDataset(const Dataset& dataset, const WordPieceTokenizer* tokenizer,
                             int64_t maxLength, const std::string& name) {
    EncodedDataset encoded;
    encoded.name = name.empty() ? dataset.source : name;
    encoded.labelNames = dataset.labelNames;
    encoded.primaryMetric = dataset.primaryMetric;
    encoded.positiveLabel = dataset.positiveLabel;
    const size_t n = dataset.examples.size();
    encoded.inputIds.reserve(n);
    encoded.tokenTypeIds.reserve(n);
    encoded.labels.reserve(n);
    encoded.rows.reserve(n);
    for (const Example& example : dataset.examples) {
        if (dataset.pretokenized) {
            if (maxLength > 0 && static_cast<int64_t>(example.inputIds.size()) > maxLength)
                throw Error(dataset.source + " row " + std::to_string(example.row + 1) + ": " +
                            std::to_string(example.inputIds.size()) +
                            " pre-tokenized ids exceed the maximum length " +
                            std::to_string(maxLength));
            encoded.inputIds.push_back(example.inputIds);
            encoded.tokenTypeIds.push_back(example.tokenTypeIds.empty()
                                               ? std::vector<int64_t>(example.inputIds.size(), 0)
                                               : example.tokenTypeIds);
        } else {
            if (!tokenizer)
                throw Error(dataset.source + ": text examples need a tokenizer (vocab.txt)");
            std::optional<std::string_view> second;
            if (!example.textB.empty())
                second = example.textB;
            Encoding encoding = tokenizer->encode(example.textA, second, 0);
            if (maxLength > 0 && static_cast<int64_t>(encoding.inputIds.size()) > maxLength) {
                encoding = tokenizer->encode(example.textA, second, maxLength);
                ++encoded.truncated;
            }
            encoded.inputIds.push_back(std::move(encoding.inputIds));
            encoded.tokenTypeIds.push_back(std::move(encoding.tokenTypeIds));
        }
        encoded.labels.push_back(example.label);
        encoded.rows.push_back(example.row);
    }
    return encoded;
}

} // namespace bs
