#pragma once
// ModelConfig: the parts of a Hugging Face config.json that define the network.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bs {

enum class ModelFamily { Bert, Roberta, DistilBert };

const char* familyName(ModelFamily family); // "bert", "roberta", "distilbert"

// Normalised across families: DistilBERT's dim/n_layers/n_heads/hidden_dim/activation
// land in the same fields as BERT's hidden_size/num_hidden_layers/... .
struct ModelConfig {
    ModelFamily family = ModelFamily::Bert;
    std::string modelType;     // config "model_type" as written
    std::string architecture;  // first entry of "architectures", may be empty
    int64_t vocabSize = 0;
    int64_t hiddenSize = 0;
    int64_t numLayers = 0;
    int64_t numHeads = 0;
    int64_t intermediateSize = 0;
    int64_t maxPositions = 0;
    int64_t typeVocabSize = 0;  // 0 for DistilBERT (no token types)
    int64_t padTokenId = 0;
    std::string hiddenAct = "gelu"; // "gelu", "relu", "gelu_new", "gelu_pytorch_tanh", ...
    double layerNormEps = 1e-12;
    std::vector<std::string> id2label; // index = class id; LABEL_k when config has none
    // Training-only settings, used by the toy zoo's trainer.
    double hiddenDropout = 0.1;
    double attentionDropout = 0.1;
    double classifierDropout = 0.1; // BERT classifier_dropout (or hidden), DistilBERT seq_classif_dropout
    double initializerRange = 0.02;

    int64_t numLabels() const { return static_cast<int64_t>(id2label.size()); }
    int64_t headDim() const { return hiddenSize / numHeads; }
};

// Parses <dir>/config.json (or the given file). Throws bs::Error naming the file and
// field for missing/invalid fields and for settings BasinScope does not implement
// (e.g. position_embedding_type "relative_key", sinusoidal_pos_embds true).
ModelConfig readModelConfig(const std::filesystem::path& configJson);

// Writes a config.json that transformers can load (used by the zoo generator).
void writeModelConfig(const ModelConfig& config, const std::filesystem::path& configJson);

} // namespace bs
