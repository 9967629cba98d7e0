#include "core/jobs/store_benchmark.h"

#include "core/common/error.h"
#include "core/study/derived_matrices.h"
#include "core/study/study.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>

namespace bs {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A study of n models and d datasets as `new` would create it: evaluations done, no curves.
Study syntheticStudy(int64_t n, int64_t datasets, int64_t points) {
    Study s;
    s.points = points;
    for (int64_t i = 0; i < n; ++i) {
        ModelEntry m;
        m.name = "seed-" + std::to_string(i);
        m.path = "/models/bert-base-seed-" + std::to_string(i);
        m.family = "bert";
        m.parameterCount = 109'483'778;
        m.run = m.name;
        s.models.push_back(std::move(m));
    }
    for (int64_t d = 0; d < datasets; ++d) {
        DatasetEntry e;
        e.name = "set-" + std::to_string(d);
        e.role = d == 0 ? DatasetRole::Surface : DatasetRole::Diagnostic;
        e.source = "/data/" + e.name + ".tsv";
        e.format = "mnli";
        e.spec = e.source + ":mnli:samples=4";
        e.labelNames = {"entailment", "neutral", "contradiction"};
        e.primaryMetric = metricId(Metric::Accuracy);
        e.sampleRows = {0, 1, 2, 3};
        s.datasets.push_back(std::move(e));
    }
    s.ensureShapes();
    for (auto& [name, evals] : s.evaluations)
        for (size_t i = 0; i < evals.size(); ++i)
            evals[i] = Evaluation{0.4 + 0.001 * double(i), 0.8, 0.75, 0.6, 4};
    for (int64_t i = 0; i < n; ++i)
        s.distance.at(i, i) = 0.0;
    updateAllMatrices(s);
    return s;
}

void computeSyntheticPair(Study& s, int64_t i, int64_t j) {
    for (size_t d = 0; d < s.datasets.size(); ++d) {
        std::vector<double> loss, metric;
        for (int64_t k = 0; k < s.points; ++k) {
            loss.push_back(0.4 + 0.1 * std::sin(double(i * 13 + j * 7 + k + int64_t(d))));
            metric.push_back(0.8 - 0.01 * double(k));
        }
        s.curves[s.datasets[d].name].setPair(i, j, loss, metric);
    }
    updatePairMatrices(s, i, j);
    s.distance.at(i, j) = s.distance.at(j, i) = 10.0 + double(i + j);
}

} // namespace

std::vector<StoreBenchmarkRow>
runStoreBenchmark(const StoreBenchmarkOptions& options,
                  const std::function<void(const std::string&)>& log) {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.folder, ec))
        throw Error("bench --store: folder " + options.folder.string() + " does not exist");
    std::vector<StoreBenchmarkRow> rows;
    for (const int64_t n : options.models) {
        if (n < 2)
            throw Error("bench --store: a study needs at least 2 models, got " + std::to_string(n));
        const std::filesystem::path file =
            options.folder / ("basinscope-store-bench-" + std::to_string(n) + ".h5");
        StoreBenchmarkRow row;
        row.models = n;
        Study study = syntheticStudy(n, options.datasets, options.points);
        {
            StudyLock lock(file, "basinscope-cli bench --store");
            auto start = std::chrono::steady_clock::now();
            writeStudy(study, file);
            row.createSeconds = secondsSince(start);

            // Pairs spread over the whole triangle, the same for every size where they fit.
            std::mt19937_64 rng(options.seed);
            std::set<std::pair<int64_t, int64_t>> chosen;
            const int64_t wanted = std::min(options.pairs, pairCount(n));
            while (static_cast<int64_t>(chosen.size()) < wanted) {
                int64_t i = static_cast<int64_t>(rng() % uint64_t(n));
                int64_t j = static_cast<int64_t>(rng() % uint64_t(n));
                if (i == j)
                    continue;
                chosen.emplace(std::min(i, j), std::max(i, j));
            }
            std::vector<double> seconds;
            StudyWriter writer(file);
            for (const auto& [i, j] : chosen) {
                computeSyntheticPair(study, i, j);
                start = std::chrono::steady_clock::now();
                writer.save(study, StudyChange::pair(i, j));
                seconds.push_back(secondsSince(start));
            }
            writer.close();
            if (writer.fullSaves() != 0)
                throw Error("bench --store: a pair save rewrote the whole file");
            std::sort(seconds.begin(), seconds.end());
            row.medianPairSeconds = seconds[seconds.size() / 2];
            row.maxPairSeconds = seconds.back();
            row.fileBytes = static_cast<double>(std::filesystem::file_size(file));

            start = std::chrono::steady_clock::now();
            writeStudy(study, file);
            row.wholeRewriteSeconds = secondsSince(start);
        }
        std::filesystem::remove(file, ec);
        std::filesystem::remove(file.string() + ".lock", ec);
        if (log)
            log("N = " + std::to_string(n) + ": pair save " +
                std::to_string(row.medianPairSeconds * 1e3) + " ms (median), whole rewrite " +
                std::to_string(row.wholeRewriteSeconds * 1e3) + " ms");
        rows.push_back(row);
    }
    return rows;
}

} // namespace bs
