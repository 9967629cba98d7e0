#include "core/data/dataset_reader.h"

#include "core/common/error.h"
#include "core/data/format_readers.h"
#include "core/data/sampling.h"

namespace bs {

Dataset loadDataset(const DatasetSpec& spec) {
    validateDatasetSpec(spec);
    Dataset dataset = spec.format == "jsonl" ? readJsonlDataset(spec)
                      : spec.format == "csv" ? readCsvDataset(spec)
                                             : readFixedFormat(spec);
    const std::string source = spec.path.string();
    if (dataset.examples.empty())
        throwFileError(source, "no labelled rows: all " + std::to_string(dataset.rowsInFile) +
                                   " rows have no gold label");
    const auto available = static_cast<int64_t>(dataset.examples.size());
    if (spec.samples > available)
        throwFileError(source,
                       "asked for " + std::to_string(spec.samples) + " samples but only " +
                           std::to_string(available) + " rows are left after the filters (of " +
                           std::to_string(dataset.rowsInFile) + " in the file); use samples=" +
                           std::to_string(available) + " or fewer (samples=0 keeps all)");
    if (spec.samples == 0 || spec.samples == available)
        return dataset;
    const std::vector<int64_t> keep = sampleRows(available, spec.samples, spec.sampling, spec.seed);
    std::vector<Example> sampled;
    sampled.reserve(keep.size());
    for (int64_t i : keep)
        sampled.push_back(std::move(dataset.examples[static_cast<size_t>(i)]));
    dataset.examples = std::move(sampled);
    return dataset;
}

std::string describeDataset(const Dataset& dataset) {
    std::string out = dataset.source + " (" + dataset.format +
                      "): " + std::to_string(dataset.examples.size()) + " examples";
    if (dataset.rowsAfterFilter != static_cast<int64_t>(dataset.examples.size()))
        out += " sampled from " + std::to_string(dataset.rowsAfterFilter) + " after filtering";
    out += " of " + std::to_string(dataset.rowsInFile) + " rows";
    if (dataset.rowsUnlabeled > 0)
        out += " (" + std::to_string(dataset.rowsUnlabeled) + " without a gold label, skipped)";
    out += ", labels ";
    for (size_t i = 0; i < dataset.labelNames.size(); ++i)
        out += (i > 0 ? "/" : "") + dataset.labelNames[i];
    if (dataset.pretokenized)
        out += ", pre-tokenized";
    return out;
}

} // namespace bs
