#pragma once
// loadDataset: reads a DatasetSpec's file, applies its filters and sampling.

#include "core/data/dataset_spec.h"
#include "core/data/example.h"

#include <string>

namespace bs {

// Reads the file in spec.format, keeps the rows that pass spec.filters, then keeps
// spec.samples of them (first N, or N drawn with spec.seed, in file order). Throws bs::Error
// naming the file (and line and column where there is one) for unreadable/empty files, rows
// with the wrong number of columns, missing header columns, unknown labels, bad JSON,
// filter keys that are not columns, filters that match nothing, and samples > rows.
Dataset loadDataset(const DatasetSpec& spec);

// One line for logs and the CLI, e.g. "dev_matched.tsv (mnli): 9815 examples of 9832 rows
// (17 without a gold label), labels entailment/neutral/contradiction".
std::string describeDataset(const Dataset& dataset);

} // namespace bs
