#include "core/jobs/subset_job.h"

#include "core/analysis/barriers.h"
#include "core/common/csv_field.h"
#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/jobs/dataset_choice.h"
#include "core/study/example_loss_store.h"

#include <cmath>
#include <cstdio>

namespace bs {

namespace {

std::vector<int64_t> matchingExamples(const DatasetEntry& entry, const SubsetRequest& request) {
    const Dataset source = loadDataset(parseDatasetSpec(entry.spec));
    if (source.examples.size() != entry.sampleRows.size())
        throw Error("dataset '" + entry.name + "' (" + entry.source +
                    "): the file no longer gives the rows this study was computed on");
    for (const auto& [column, value] : request.where) {
        if (column == "label")
            continue;
        bool present = false;
        for (const Example& e : source.examples)
            present = present || e.fields.count(column) != 0;
        if (!present) {
            std::string columns;
            if (!source.examples.empty())
                for (const auto& [name, v] : source.examples.front().fields)
                    columns += (columns.empty() ? "" : ", ") + name;
            throw Error("dataset '" + entry.name + "' has no column '" + column +
                        "'; its columns: " + (columns.empty() ? "none" : columns) + ", and label");
        }
    }
    std::vector<int64_t> out;
    for (size_t e = 0; e < source.examples.size(); ++e) {
        const Example& example = source.examples[e];
        bool keep = true;
        for (const auto& [column, value] : request.where) {
            if (column == "label") {
                keep = keep && example.label >= 0 &&
                       example.label < static_cast<int64_t>(entry.labelNames.size()) &&
                       entry.labelNames[static_cast<size_t>(example.label)] == value;
            } else {
                const auto it = example.fields.find(column);
                keep = keep && it != example.fields.end() && it->second == value;
            }
        }
        if (keep)
            out.push_back(static_cast<int64_t>(e));
    }
    if (out.empty())
        throw Error("no example of dataset '" + entry.name + "' matches the conditions");
    return out;
}

} // namespace

SubsetResult computeSubsetMatrices(const Study& study, const ExampleLossStore& store,
                                   const SubsetRequest& request, const Progress& progress) {
    const int64_t d = chooseDataset(study, request.dataset);
    const std::string& dataset = study.datasets[static_cast<size_t>(d)].name;
    const auto n = static_cast<int64_t>(study.models.size());
    SubsetResult out;
    out.dataset = dataset;
    out.examples = matchingExamples(study.datasets[static_cast<size_t>(d)], request);
    for (Matrix* m : {&out.matrices.barrierHeight, &out.matrices.convexityGap,
                      &out.matrices.peakExcess, &out.matrices.auc})
        *m = Matrix::filled(n, n);
    const CurveSet& curves = study.curves.at(dataset);
    const int64_t total = n * (n - 1) / 2;
    int64_t done = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j, ++done) {
            if (!curves.hasPair(i, j))
                continue;
            if (!store.hasPair(i, j)) {
                ++out.pairsWithoutExamples;
                continue;
            }
            progress.step(done, total, "subset curves");
            std::vector<double> curve;
            for (const std::vector<float>& point : store.readPair(static_cast<size_t>(d), i, j)) {
                double sum = 0.0;
                for (const int64_t e : out.examples)
                    sum += point[static_cast<size_t>(e)];
                curve.push_back(sum / static_cast<double>(out.examples.size()));
            }
            const BarrierMetrics m = barrierMetrics(curve);
            for (const auto& [matrix, value] :
                 {std::pair{&out.matrices.barrierHeight, m.barrierHeight},
                  std::pair{&out.matrices.convexityGap, m.convexityGap},
                  std::pair{&out.matrices.peakExcess, m.peakExcess},
                  std::pair{&out.matrices.auc, m.auc}}) {
                (*matrix)(i, j) = value;
                (*matrix)(j, i) = value;
            }
            ++out.pairs;
        }
    progress.report(total, total, "done");
    return out;
}

std::string subsetCsv(const Study& study, const SubsetResult& r) {
    auto number = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.9g", v);
        return std::string(text);
    };
    std::string out = "first,second,barrier_height,convexity_gap,peak_excess,auc\n";
    const auto n = static_cast<int64_t>(study.models.size());
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) {
            if (std::isnan(r.matrices.convexityGap(i, j)))
                continue;
            out += csvField(study.models[static_cast<size_t>(i)].name) + "," +
                   csvField(study.models[static_cast<size_t>(j)].name) + "," +
                   number(r.matrices.barrierHeight(i, j)) + "," +
                   number(r.matrices.convexityGap(i, j)) + "," +
                   number(r.matrices.peakExcess(i, j)) + "," + number(r.matrices.auc(i, j)) + "\n";
        }
    return out;
}

} // namespace bs
