// Fuzz target: dataset spec strings (FILE:FORMAT:key=value,...), i.e. filters, column maps
// and sampling options, parsed, validated and written back.
#include "core/common/error.h"
#include "core/data/dataset_spec.h"
#include "fuzz/fuzz_support.h"

BS_FUZZ_TARGET(dataset_spec) {
    try {
        const bs::DatasetSpec spec = bs::parseDatasetSpec(bs::fuzz::asText(data, size));
        bs::validateDatasetSpec(spec);
        (void)bs::parseDatasetSpec(bs::formatDatasetSpec(spec));
    } catch (const bs::Error&) {
    }
    return 0;
}
