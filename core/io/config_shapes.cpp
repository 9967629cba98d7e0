#include "core/io/config_shapes.h"

#include "core/common/error.h"

#include <charconv>
#include <optional>
#include <string_view>

namespace bs {

namespace {

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i > 0 ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The N of "<prefix>.layer.N.<rest>", where prefix is "encoder" (BERT, RoBERTa) or
// "transformer" (DistilBERT).
std::optional<int64_t> layerIndex(std::string_view name) {
    for (std::string_view marker :
         {std::string_view("encoder.layer."), std::string_view("transformer.layer.")}) {
        const size_t at = name.find(marker);
        if (at == std::string_view::npos)
            continue;
        const char* first = name.data() + at + marker.size();
        const char* last = name.data() + name.size();
        int64_t index = -1;
        const auto [end, ec] = std::from_chars(first, last, index);
        if (ec == std::errc() && end != last && *end == '.' && index >= 0)
            return index;
    }
    return std::nullopt;
}

class Checker {
public:
    Checker(const std::vector<TensorInfo>& tensors, std::string configFile, std::string weightFile)
        : m_tensors(tensors)
        , m_config(std::move(configFile))
        , m_weights(std::move(weightFile)) {}

    // The first tensor whose name ends with `suffix` (the model prefix differs by family).
    const TensorInfo* find(std::string_view suffix) const {
        for (const TensorInfo& t : m_tensors)
            if (endsWith(t.name, suffix))
                return &t;
        return nullptr;
    }

    // Dimension `dim` of the tensor ending in `suffix` must equal the config field's value.
    void dimension(std::string_view suffix, size_t dim, const char* field, int64_t value) const {
        const TensorInfo* t = find(suffix);
        if (!t)
            return;
        if (t->shape.size() != 2)
            throwFileError(m_weights, "tensor '" + t->name + "' has shape " + shapeText(t->shape) +
                                          ", expected a matrix");
        if (t->shape[dim] != value)
            throwFileError(m_config, "field '" + std::string(field) + "' is " +
                                         std::to_string(value) + ", but tensor '" + t->name +
                                         "' in " + m_weights + " has shape " + shapeText(t->shape) +
                                         " (" + (dim == 0 ? "rows" : "columns") + " = " + field +
                                         "); config.json and the weights do not belong together");
    }

    // The config may not ask for more layers than the weights hold: each would be built and
    // then left uninitialised. Fewer is the weight loader's business (unused tensors).
    void layers(const char* field, int64_t value) const {
        int64_t highest = -1;
        for (const TensorInfo& t : m_tensors)
            if (const auto index = layerIndex(t.name); index && *index > highest)
                highest = *index;
        if (highest >= 0 && value > highest + 1)
            throwFileError(m_config, "field '" + std::string(field) + "' is " +
                                         std::to_string(value) + ", but " + m_weights +
                                         " holds tensors for " + std::to_string(highest + 1) +
                                         " layers; config.json and the weights do not belong "
                                         "together");
    }

private:
    const std::vector<TensorInfo>& m_tensors;
    std::string m_config;
    std::string m_weights;
};

} // namespace

void checkConfigAgainstTensors(const ModelConfig& c, const std::vector<TensorInfo>& tensors,
                               const std::string& configFile, const std::string& weightFile) {
    const Checker check(tensors, configFile, weightFile);
    const bool distil = c.family == ModelFamily::DistilBert;
    const char* hidden = distil ? "dim" : "hidden_size";
    check.dimension("embeddings.word_embeddings.weight", 0, "vocab_size", c.vocabSize);
    check.dimension("embeddings.word_embeddings.weight", 1, hidden, c.hiddenSize);
    check.dimension("embeddings.position_embeddings.weight", 0, "max_position_embeddings",
                    c.maxPositions);
    if (distil) {
        check.dimension("layer.0.ffn.lin1.weight", 0, "hidden_dim", c.intermediateSize);
        check.layers("n_layers", c.numLayers);
    } else {
        check.dimension("embeddings.token_type_embeddings.weight", 0, "type_vocab_size",
                        c.typeVocabSize);
        check.dimension("layer.0.intermediate.dense.weight", 0, "intermediate_size",
                        c.intermediateSize);
        check.layers("num_hidden_layers", c.numLayers);
    }
}

} // namespace bs
