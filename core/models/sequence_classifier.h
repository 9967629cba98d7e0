#pragma once
// SequenceClassifier: BERT, RoBERTa or DistilBERT *ForSequenceClassification.

#include "core/io/model_config.h"
#include "core/models/cast_cache.h"
#include "core/models/parameter_set.h"
#include "core/models/precision.h"
#include "core/models/token_batch.h"

#include <ATen/core/Generator.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bs {

class CheckpointReader;

class SequenceClassifier {
public:
    virtual ~SequenceClassifier() = default;

    const ModelConfig& config() const { return m_config; }
    ParameterSet& parameters() { return m_params; }
    const ParameterSet& parameters() const { return m_params; }

    // Logits [batch, numLabels] in the parameters' dtype. Autograd-friendly (the zoo
    // trains through it); evaluation wraps calls in at::InferenceMode.
    virtual at::Tensor forward(const TokenBatch& batch) const = 0;

    // The dtype of the encoder's matrix products (fp32 by default). Reduced precisions
    // keep the parameters as they are and run the products on cached copies, remade when
    // the parameters change; logits stay in the parameters' dtype. Does not check that the
    // device runs the precision well (requirePrecisionSupported does).
    void setPrecision(Precision precision);
    Precision precision() const { return m_precision; }

    // What the parameters currently are, for messages ("runs/a", "alpha 0.5 between ...").
    // Empty: unknown.
    void setDescription(std::string description) { m_description = std::move(description); }
    const std::string& description() const { return m_description; }

    // Dropout on/off (off by default, as in eval mode). Uses `generator` when defined.
    void setTraining(bool training) { m_training = training; }
    bool training() const { return m_training; }

    // The generator dropout draws from in training mode (a CPU generator for CPU
    // parameters, a CUDA one for CUDA). Undefined (the default) means the global one.
    // Two forwards from equally seeded generators drop the same units.
    void setDropoutGenerator(at::Generator generator) { m_dropoutGenerator = std::move(generator); }
    const at::Generator& dropoutGenerator() const { return m_dropoutGenerator; }

    // How initializeWeights treats each parameter (parallel to parameters()).
    enum class ParamRole { LinearWeight, Bias, Embedding, NormWeight, NormBias };
    struct ParamInit {
        ParamRole role = ParamRole::LinearWeight;
        int64_t paddingIdx = -1; // Embedding row kept at zero, -1 for none
    };
    const std::vector<ParamInit>& parameterInits() const { return m_inits; }

protected:
    explicit SequenceClassifier(ModelConfig config)
        : m_config(std::move(config)) {}
    // Registers a zero-filled parameter of `shape` in `dtype`; returns its index.
    size_t addParameter(std::string name, std::vector<int64_t> shape, at::ScalarType dtype,
                        ParamRole role, int64_t paddingIdx = -1);

    ModelConfig m_config;
    ParameterSet m_params;
    std::vector<ParamInit> m_inits;
    // The cast cache when the precision is reduced, else null (see models::layerMatrices).
    CastCache* casts() const { return m_precision == Precision::Fp32 ? nullptr : &m_casts; }

    bool m_training = false;
    at::Generator m_dropoutGenerator;
    Precision m_precision = Precision::Fp32;
    std::string m_description;
    mutable CastCache m_casts; // filled by forwards, which are const
};

// Builds the network for `config` with parameters allocated (zeros) in `dtype`.
std::unique_ptr<SequenceClassifier> createClassifier(const ModelConfig& config,
                                                     at::ScalarType dtype = at::kFloat);

// Hugging Face's _init_weights: normal(0, initializer_range) for linear and embedding
// weights, zero biases, LayerNorm weight 1 / bias 0; deterministic for a seed.
void initializeWeights(SequenceClassifier& model, uint64_t seed);

// What loading a checkpoint into a model found.
struct LoadReport {
    std::vector<std::string> unused;  // checkpoint tensors the model does not use (e.g. MLM heads)
    std::vector<std::string> renamed; // legacy names accepted (LayerNorm.gamma -> .weight)
};

// Copies every parameter from the checkpoint (converted to the model's dtype).
// Missing parameters or shape mismatches throw bs::Error listing them all.
LoadReport loadWeights(SequenceClassifier& model, const CheckpointReader& checkpoint);

// Convenience: open `dir`, build the model from its config and load the weights.
std::unique_ptr<SequenceClassifier> loadClassifier(const std::filesystem::path& dir,
                                                   at::ScalarType dtype = at::kFloat,
                                                   LoadReport* report = nullptr);

} // namespace bs
