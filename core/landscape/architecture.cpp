#include "core/landscape/architecture.h"

#include "core/common/error.h"

#include <sstream>

namespace bs {

std::vector<std::string> architectureDifferences(const ModelConfig& expected,
                                                 const ModelConfig& found) {
    std::vector<std::string> differences;
    auto compare = [&](const char* field, const auto& want, const auto& have) {
        if (want != have) {
            std::ostringstream s;
            s << field << " " << have << " (expected " << want << ")";
            differences.push_back(s.str());
        }
    };
    compare("model_type", std::string(familyName(expected.family)),
            std::string(familyName(found.family)));
    compare("hidden_size", expected.hiddenSize, found.hiddenSize);
    compare("num_hidden_layers", expected.numLayers, found.numLayers);
    compare("num_attention_heads", expected.numHeads, found.numHeads);
    compare("intermediate_size", expected.intermediateSize, found.intermediateSize);
    compare("vocab_size", expected.vocabSize, found.vocabSize);
    compare("max_position_embeddings", expected.maxPositions, found.maxPositions);
    compare("type_vocab_size", expected.typeVocabSize, found.typeVocabSize);
    compare("num_labels", expected.numLabels(), found.numLabels());
    compare("hidden_act", expected.hiddenAct, found.hiddenAct);
    compare("layer_norm_eps", expected.layerNormEps, found.layerNormEps);
    compare("pad_token_id", expected.padTokenId, found.padTokenId);
    return differences;
}

void requireSameArchitecture(const ModelConfig& expected, const std::string& reference,
                             const ModelConfig& found, const std::string& source) {
    const std::vector<std::string> differences = architectureDifferences(expected, found);
    if (differences.empty())
        return;
    std::string message = source + ": architecture differs from " + reference + ": ";
    for (size_t i = 0; i < differences.size() && i < 5; ++i)
        message += (i ? "; " : "") + differences[i];
    if (differences.size() > 5)
        message += "; and " + std::to_string(differences.size() - 5) + " more";
    throw Error(message + ". All models of a study must share one architecture.");
}

} // namespace bs
