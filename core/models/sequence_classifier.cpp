#include "core/models/sequence_classifier.h"

#include "core/common/error.h"
#include "core/models/bert_classifier.h"
#include "core/models/distilbert_classifier.h"
#include "core/models/transformer_ops.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>

namespace bs {

size_t SequenceClassifier::addParameter(std::string name, std::vector<int64_t> shape,
                                        at::ScalarType dtype, ParamRole role, int64_t paddingIdx) {
    const size_t i = m_params.add(std::move(name), at::zeros(shape, at::dtype(dtype)));
    m_inits.push_back(ParamInit{role, paddingIdx});
    return i;
}

void SequenceClassifier::setPrecision(Precision precision) {
    m_precision = precision;
    m_casts.clear();
}

namespace {

void requirePositive(const ModelConfig& c, int64_t value, const char* field) {
    if (value <= 0)
        throw Error(std::string(familyName(c.family)) + " config: field '" + field +
                    "' must be a positive integer, found " + std::to_string(value));
}

void validate(const ModelConfig& c, at::ScalarType dtype) {
    requirePositive(c, c.vocabSize, "vocab_size");
    requirePositive(c, c.hiddenSize, "hidden_size");
    requirePositive(c, c.numLayers, "num_hidden_layers");
    requirePositive(c, c.numHeads, "num_attention_heads");
    requirePositive(c, c.intermediateSize, "intermediate_size");
    requirePositive(c, c.maxPositions, "max_position_embeddings");
    requirePositive(c, c.numLabels(), "id2label (number of labels)");
    if (c.family != ModelFamily::DistilBert)
        requirePositive(c, c.typeVocabSize, "type_vocab_size");
    if (c.hiddenSize % c.numHeads != 0)
        throw Error(std::string(familyName(c.family)) + " config: hidden_size " +
                    std::to_string(c.hiddenSize) + " is not a multiple of num_attention_heads " +
                    std::to_string(c.numHeads));
    if (c.padTokenId < 0 || c.padTokenId >= c.vocabSize)
        throw Error(std::string(familyName(c.family)) + " config: pad_token_id " +
                    std::to_string(c.padTokenId) + " is outside the vocabulary [0, " +
                    std::to_string(c.vocabSize) + ")");
    models::parseActivation(c.hiddenAct); // throws for an unsupported activation
    if (!at::isFloatingType(dtype))
        throw Error(std::string("models are built in a floating-point dtype, not ") +
                    c10::toString(dtype));
}

} // namespace

std::unique_ptr<SequenceClassifier> createClassifier(const ModelConfig& config,
                                                     at::ScalarType dtype) {
    validate(config, dtype);
    switch (config.family) {
    case ModelFamily::Bert:
    case ModelFamily::Roberta:
        return std::make_unique<models::BertClassifier>(config, dtype);
    case ModelFamily::DistilBert:
        return std::make_unique<models::DistilBertClassifier>(config, dtype);
    }
    throw Error("unknown model family");
}

void initializeWeights(SequenceClassifier& model, uint64_t seed) {
    // Draw on the CPU in float64 whatever the parameters' device and dtype, so that a
    // seed gives the same network (up to rounding) in fp32, fp64, on CPU and on CUDA.
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    const double stddev = model.config().initializerRange;
    const at::NoGradGuard noGrad; // parameters may require grad (the zoo trains them)
    ParameterSet& params = model.parameters();
    const auto& inits = model.parameterInits();
    for (size_t i = 0; i < params.size(); ++i) {
        const at::Tensor& t = params.tensor(i);
        switch (inits[i].role) {
        case SequenceClassifier::ParamRole::LinearWeight:
        case SequenceClassifier::ParamRole::Embedding: {
            at::Tensor w =
                at::empty(t.sizes(), at::dtype(at::kDouble)).normal_(0.0, stddev, generator);
            if (inits[i].paddingIdx >= 0)
                w[inits[i].paddingIdx].zero_();
            t.copy_(w);
            break;
        }
        case SequenceClassifier::ParamRole::Bias:
        case SequenceClassifier::ParamRole::NormBias:
            t.zero_();
            break;
        case SequenceClassifier::ParamRole::NormWeight:
            t.fill_(1.0);
            break;
        }
    }
}

} // namespace bs
