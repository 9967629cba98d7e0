#pragma once
// StudySession: what computing on a study needs, prepared once (space, cache, token batches).

#include "core/landscape/evaluation.h"
#include "core/models/precision.h"
#include "core/study/study.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bs {

class Evaluator;
class ModelCache;
class ParameterSpace;
class Progress;

struct ComputeOptions {
    int64_t batchSize = 64;
    std::string device = "cpu"; // "cpu" or "cuda"
    int64_t memoryBytes = 0;    // model cache budget; 0 = half of physical memory
    // The forward's matrix products; empty: the device's default (fp32 on the CPU, bf16 on
    // CUDA). Interpolation and the loss stay in fp32 (see Precision).
    std::optional<Precision> precision;
    // Padded tokens per batch (examples of similar length are grouped up to it; batchSize
    // is then ignored); 0: batchSize examples per batch; empty: defaultTokenBudget.
    std::optional<int64_t> tokenBudget;
};

// Opening a session reads the first model's config, builds the parameter space, loads and
// tokenizes every dataset once (checking that the rows are still those the study fixed)
// and sets up the model cache. Weights are read lazily, when a job needs them.
class StudySession {
public:
    StudySession(const Study& study, const ComputeOptions& options);
    ~StudySession();
    StudySession(const StudySession&) = delete;
    StudySession& operator=(const StudySession&) = delete;

    ParameterSpace& space() { return *m_space; }
    // The precision the working model evaluates in (after the device's default applied).
    Precision precision() const { return m_precision; }
    ModelCache& cache() { return *m_cache; }
    size_t datasetCount() const { return m_evaluators.size(); }
    const Evaluator& evaluator(size_t dataset) const { return *m_evaluators[dataset]; }
    // Batches in one evaluation of every dataset (the unit of progress).
    int64_t batchesPerPoint() const;

    // The working model evaluated on every dataset, in study order.
    // `exampleLosses`, when given, receives each dataset's per-example losses (see Evaluator).
    std::vector<Evaluation>
    evaluateWorking(const std::function<void()>& onBatch = {},
                    std::vector<std::vector<float>>* exampleLosses = nullptr) const;

    // Content hashes of the models loaded in this session (filled as they load).
    const std::map<int64_t, std::string>& hashes() const { return m_hashes; }

private:
    std::unique_ptr<ParameterSpace> m_space;
    std::unique_ptr<ModelCache> m_cache;
    std::vector<std::unique_ptr<Evaluator>> m_evaluators;
    std::map<int64_t, std::string> m_hashes;
    Precision m_precision = Precision::Fp32;
};

// The model label names a study uses: its override, else the first model's id2label.
std::vector<std::string> studyModelLabels(const Study& study);

} // namespace bs
