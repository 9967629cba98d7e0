#pragma once
// Example and Dataset: evaluation rows as read from GLUE/HANS/PAWS/JSONL/CSV files.

#include "core/common/metric.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bs {

struct Example {
    int64_t row = 0;    // 0-based data row in the source file (header lines not counted)
    std::string textA;  // premise / question1 / sentence
    std::string textB;  // hypothesis / question2; empty for single-sentence tasks
    int64_t label = -1; // index into Dataset::labelNames
    // Pre-tokenized JSONL only: ids used as they are (no tokenizer involved).
    std::vector<int64_t> inputIds;
    std::vector<int64_t> tokenTypeIds;
    // Other columns by name (e.g. HANS "heuristic", "subcase", "template"), for filters
    // and for the GUI's per-example tables.
    std::map<std::string, std::string> fields;
};

struct Dataset {
    std::string source;                  // file path as given
    std::string format;                  // "mnli", "qqp", "cola", "hans", "paws", "jsonl", "csv"
    std::vector<std::string> labelNames; // canonical names, e.g. entailment/neutral/contradiction
    std::vector<Example> examples;
    bool pretokenized = false; // examples carry inputIds instead of text
    // The metric a user reads first for this task: "accuracy" (MNLI, HANS, PAWS),
    // "f1" (QQP), "mcc" (CoLA); F1 is computed for positiveLabel.
    std::string primaryMetric = metricId(Metric::Accuracy);
    int64_t positiveLabel = 1;
    int64_t rowsInFile = 0;      // rows read before filtering and sampling
    int64_t rowsAfterFilter = 0; // rows that passed the filters
    // Rows without a gold label (MNLI gold_label "-"): counted in rowsInFile, never in
    // examples. No other format skips rows.
    int64_t rowsUnlabeled = 0;
    // Column names of the source (TSV/CSV header, the fixed CoLA names, or the keys seen in
    // a JSONL file), i.e. what filters and per-example tables can refer to.
    std::vector<std::string> columns;
};

} // namespace bs
