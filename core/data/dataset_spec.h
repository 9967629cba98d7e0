#pragma once
// DatasetSpec: which file to read, in which format, with which filters, mapping and sampling.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bs {

struct DatasetSpec {
    std::filesystem::path path;
    std::string format; // mnli qqp cola hans paws jsonl csv
    // key = any column of the file, or "gold_label"/"label" for the label (matches the value
    // in the file or the canonical label name); rows must match every key, and one of the
    // alternatives of each key. Order is kept (it is how the spec string writes them).
    std::vector<std::pair<std::string, std::vector<std::string>>> filters;
    // Column mapping for jsonl/csv; empty = the first default name the file has
    // (see docs/datasets.md). Fixed-layout formats reject these.
    std::string textAColumn;
    std::string textBColumn;
    std::string labelColumn;
    // Ordered label names for jsonl/csv. Empty: integer labels 0..K-1 are named "0".."K-1"
    // (K = largest label + 1), string labels get ids in first-seen order.
    std::vector<std::string> labelNames;
    int64_t samples = 0; // 0 = all rows that pass the filters
    enum class Sampling { First, Random } sampling = Sampling::First;
    uint64_t seed = 0; // for Sampling::Random

    bool operator==(const DatasetSpec&) const = default;
};

// "mnli", "qqp", "cola", "hans", "paws", "jsonl", "csv".
const std::vector<std::string>& datasetFormats();
// True for jsonl and csv, the formats that take text_a/text_b/label/labels.
bool isMappedFormat(std::string_view format);

// Parses "FILE:FORMAT[:key=value,key=value]". The file part ends at the first ":FORMAT"
// followed by ':' or the end. Keys text_a, text_b, label (jsonl/csv: column names),
// labels (names separated by '|'), samples, sampling (first|random) and seed are reserved;
// any other key is a filter whose alternatives are separated by '|'. For fixed-layout
// formats "label=" is a filter on the label. In values, '\' escapes ',', '|' and '\'.
DatasetSpec parseDatasetSpec(std::string_view text);

// The inverse of parseDatasetSpec: parseDatasetSpec(formatDatasetSpec(s)) == s, except that a
// label filter keyed "label" on jsonl/csv is written as "gold_label".
std::string formatDatasetSpec(const DatasetSpec& spec);

// Throws bs::Error when the spec cannot be loaded as written (unknown format, mapping keys on
// a fixed-layout format, negative samples, a filter without values, ...).
void validateDatasetSpec(const DatasetSpec& spec);

} // namespace bs
