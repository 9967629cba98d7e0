#pragma once
// The store benchmark: what saving one finished pair costs as studies grow, with real writes.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bs {

struct StoreBenchmarkOptions {
    std::vector<int64_t> models = {100, 300, 1000}; // study sizes N
    int64_t pairs = 40;                             // pairs saved per size
    int64_t points = 10;
    int64_t datasets = 3;
    std::filesystem::path folder; // where the study files are written (and removed)
    uint64_t seed = 1;
};

struct StoreBenchmarkRow {
    int64_t models = 0;
    double fileBytes = 0;
    double createSeconds = 0;     // the first whole write (a new study)
    double medianPairSeconds = 0; // one pair saved in place, handed to the OS
    double maxPairSeconds = 0;
    double wholeRewriteSeconds = 0; // what a whole atomic rewrite of this study costs
};

// For each size: writes a study of N models whose curves are all missing, then computes
// (synthetic values) and saves `pairs` pairs spread over the triangle one at a time through
// StudyWriter, timing each save; then times one whole rewrite for comparison. Files are
// removed afterwards.
std::vector<StoreBenchmarkRow>
runStoreBenchmark(const StoreBenchmarkOptions& options,
                  const std::function<void(const std::string&)>& log = {});

} // namespace bs
