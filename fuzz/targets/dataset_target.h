#pragma once
// The body shared by the dataset fuzz targets: the first input line is the spec's options
// (column maps, labels=, filters, samples, ...), the rest is the file.

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "fuzz/fuzz_support.h"

#include <string>

namespace bs::fuzz {

inline int fuzzDataset(const char* format, const uint8_t* data, size_t size) {
    const auto [options, body] = splitFirstLine(asText(data, size));
    try {
        const std::filesystem::path file = writeScratch(std::string("dataset.") + format, body);
        std::string text = file.string() + ":" + format;
        if (!options.empty())
            text += ":" + std::string(options);
        const DatasetSpec spec = parseDatasetSpec(text);
        const Dataset dataset = loadDataset(spec);
        (void)describeDataset(dataset);
    } catch (const bs::Error&) {
        // A clear error is the expected answer to a bad file; anything else is a finding.
    }
    return 0;
}

} // namespace bs::fuzz
