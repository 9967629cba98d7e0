#include "core/io/model_config.h"

#include "core/common/error.h"
#include "core/io/atomic_file.h"
#include "core/io/json_depth_limit.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace bs {

namespace {

using nlohmann::json;

// Sane bounds, checked before anything is allocated: a damaged or hostile config.json must
// not make the model builder ask for terabytes. The largest published encoders stay far
// below these (vocabularies of 250k, widths of 8k, 48 layers, 4096 positions).
constexpr int64_t kMaxVocab = int64_t(1) << 22;
constexpr int64_t kMaxWidth = int64_t(1) << 16;
constexpr int64_t kMaxLayers = 1024;
constexpr int64_t kMaxPositions = int64_t(1) << 20;
constexpr int64_t kMaxTokenTypes = 1024;
// In elements; 2^36 float32 parameters are 256 GiB.
constexpr double kMaxParameters = double(int64_t(1) << 36);
// BERT uses 1e-12, RoBERTa 1e-5; an epsilon near the variance of the activations would
// flatten every layer norm to its bias.
constexpr double kMaxLayerNormEps = 0.1;
constexpr double kMaxInitializerRange = 1.0;

// The activations the models implement: erf GELU, the tanh approximation under its
// three Hugging Face names, ReLU and SiLU.
const std::set<std::string>& supportedActivations() {
    static const std::set<std::string> names = {"gelu",      "gelu_new", "gelu_pytorch_tanh",
                                                "gelu_fast", "relu",     "silu"};
    return names;
}

std::string supportedActivationList() {
    std::string out;
    for (const auto& name : supportedActivations())
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string describe(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

// Reads fields of one config.json with errors that name the file and the field.
class ConfigFields {
public:
    ConfigFields(const json& root, std::string file)
        : m_root(root)
        , m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& message) const { throwFileError(m_file, message); }

    bool has(const char* key) const { return m_root.contains(key) && !m_root.at(key).is_null(); }
    bool present(const char* key) const { return m_root.contains(key); }
    const json& at(const char* key) const { return m_root.at(key); }

    int64_t positiveInt(const char* key) const {
        if (!m_root.contains(key))
            fail(std::string("missing field '") + key + "' (a positive integer)");
        return positiveIntValue(key, m_root.at(key));
    }
    int64_t positiveInt(const char* key, int64_t fallback) const {
        return has(key) ? positiveIntValue(key, m_root.at(key)) : fallback;
    }
    // A size that allocations follow: refused above `limit` before anything is built.
    int64_t size(const char* key, int64_t limit) const {
        return bounded(key, positiveInt(key), limit);
    }
    int64_t size(const char* key, int64_t fallback, int64_t limit) const {
        return bounded(key, positiveInt(key, fallback), limit);
    }
    int64_t nonNegativeInt(const char* key, int64_t fallback) const {
        if (!has(key))
            return fallback;
        const json& v = m_root.at(key);
        if (!v.is_number_integer() || v.get<int64_t>() < 0)
            fail(std::string("field '") + key + "' must be a non-negative integer, found " +
                 describe(v));
        return v.get<int64_t>();
    }
    double probability(const char* key, double fallback) const {
        if (!has(key))
            return fallback;
        const json& v = m_root.at(key);
        if (!v.is_number() || v.get<double>() < 0.0 || v.get<double>() >= 1.0)
            fail(std::string("field '") + key + "' must be a number in [0, 1), found " +
                 describe(v));
        return v.get<double>();
    }
    double positiveNumber(const char* key, double fallback, double limit) const {
        if (!has(key))
            return fallback;
        const json& v = m_root.at(key);
        if (!v.is_number() || !(v.get<double>() > 0.0) || !(v.get<double>() <= limit))
            fail(std::string("field '") + key + "' must be a positive number of at most " +
                 describe(json(limit)) + ", found " + describe(v));
        return v.get<double>();
    }
    std::string string(const char* key, const std::string& fallback) const {
        if (!has(key))
            return fallback;
        const json& v = m_root.at(key);
        if (!v.is_string())
            fail(std::string("field '") + key + "' must be a string, found " + describe(v));
        return v.get<std::string>();
    }
    bool boolean(const char* key, bool fallback) const {
        if (!has(key))
            return fallback;
        const json& v = m_root.at(key);
        if (!v.is_boolean())
            fail(std::string("field '") + key + "' must be true or false, found " + describe(v));
        return v.get<bool>();
    }

private:
    int64_t bounded(const char* key, int64_t value, int64_t limit) const {
        if (value > limit)
            fail(std::string("field '") + key + "' is " + std::to_string(value) +
                 ", more than BasinScope accepts (at most " + std::to_string(limit) +
                 "); the file is damaged or not a BERT-style encoder config");
        return value;
    }

    int64_t positiveIntValue(const char* key, const json& v) const {
        if (!v.is_number_integer() || v.get<int64_t>() <= 0)
            fail(std::string("field '") + key + "' must be a positive integer, found " +
                 describe(v));
        return v.get<int64_t>();
    }

    const json& m_root;
    std::string m_file;
};

std::string activation(const ConfigFields& f, const char* key) {
    // transformers has no default for an explicit null (ACT2FN[None] fails), so neither do we.
    if (f.present(key) && !f.has(key))
        f.fail(std::string("field '") + key + "' is null; expected one of " +
               supportedActivationList());
    const std::string act = f.string(key, "gelu");
    if (!supportedActivations().count(act))
        f.fail(std::string("field '") + key + "' is \"" + act +
               "\", which BasinScope does not implement (supported: " + supportedActivationList() +
               ")");
    return act;
}

// id2label ordered by id; LABEL_k when absent (num_labels, else transformers' default 2).
std::vector<std::string> labels(const ConfigFields& f) {
    if (!f.has("id2label")) {
        const int64_t n = f.positiveInt("num_labels", 2);
        if (n > 1000000)
            f.fail("field 'num_labels' is implausibly large: " + std::to_string(n));
        std::vector<std::string> out;
        for (int64_t k = 0; k < n; ++k)
            out.push_back("LABEL_" + std::to_string(k));
        return out;
    }
    const json& map = f.at("id2label");
    if (!map.is_object() || map.empty())
        f.fail("field 'id2label' must be a non-empty object {\"0\": \"name\", ...}, found " +
               describe(map));
    std::map<int64_t, std::string> byId;
    for (const auto& [key, value] : map.items()) {
        int64_t id = -1;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
        if (ec != std::errc() || end != key.data() + key.size() || id < 0)
            f.fail("field 'id2label' has key \"" + key + "\", expected a class id 0, 1, ...");
        if (!value.is_string())
            f.fail("field 'id2label' maps " + key + " to " + describe(value) +
                   ", expected a label name (string)");
        if (!byId.emplace(id, value.get<std::string>()).second)
            f.fail("field 'id2label' lists class id " + std::to_string(id) + " twice");
    }
    std::vector<std::string> out;
    for (const auto& [id, name] : byId) {
        if (id != static_cast<int64_t>(out.size()))
            f.fail("field 'id2label' has no entry for class id " + std::to_string(out.size()) +
                   " (ids must be 0.." + std::to_string(byId.size() - 1) + ")");
        out.push_back(name);
    }
    if (f.has("num_labels") && f.positiveInt("num_labels") != static_cast<int64_t>(out.size()))
        f.fail("field 'num_labels' is " + std::to_string(f.positiveInt("num_labels")) +
               " but 'id2label' has " + std::to_string(out.size()) + " entries");
    return out;
}

void readBertLike(const ConfigFields& f, ModelConfig& c) {
    if (f.boolean("is_decoder", false))
        f.fail("field 'is_decoder' is true: BasinScope reads encoder classifiers only");
    if (f.boolean("add_cross_attention", false))
        f.fail("field 'add_cross_attention' is true: BasinScope reads encoder classifiers only");
    const std::string pos = f.string("position_embedding_type", "absolute");
    if (pos != "absolute")
        f.fail("field 'position_embedding_type' is \"" + pos +
               "\"; BasinScope implements only \"absolute\" position embeddings");
    c.vocabSize = f.size("vocab_size", kMaxVocab);
    c.hiddenSize = f.size("hidden_size", kMaxWidth);
    c.numLayers = f.size("num_hidden_layers", kMaxLayers);
    c.numHeads = f.size("num_attention_heads", kMaxWidth);
    c.intermediateSize = f.size("intermediate_size", kMaxWidth * 4);
    c.maxPositions = f.size("max_position_embeddings", 512, kMaxPositions);
    c.typeVocabSize = f.size("type_vocab_size", 2, kMaxTokenTypes);
    c.hiddenAct = activation(f, "hidden_act");
    c.layerNormEps = f.positiveNumber("layer_norm_eps", 1e-12, kMaxLayerNormEps);
    c.hiddenDropout = f.probability("hidden_dropout_prob", 0.1);
    c.attentionDropout = f.probability("attention_probs_dropout_prob", 0.1);
    c.classifierDropout = f.probability("classifier_dropout", c.hiddenDropout);
    c.initializerRange = f.positiveNumber("initializer_range", 0.02, kMaxInitializerRange);
    if (c.family == ModelFamily::Roberta) {
        // RoBERTa derives position ids from the padding id, so it must be known.
        if (f.present("pad_token_id") && !f.has("pad_token_id"))
            f.fail("field 'pad_token_id' is null; RoBERTa needs it to number positions");
        c.padTokenId = f.nonNegativeInt("pad_token_id", 1);
        if (c.maxPositions <= c.padTokenId + 1)
            f.fail("field 'max_position_embeddings' (" + std::to_string(c.maxPositions) +
                   ") must exceed pad_token_id + 1 (RoBERTa positions start after the pad id)");
    } else {
        c.padTokenId = f.nonNegativeInt("pad_token_id", 0);
    }
}

void readDistilBert(const ConfigFields& f, ModelConfig& c) {
    if (f.boolean("sinusoidal_pos_embds", false))
        f.fail("field 'sinusoidal_pos_embds' is true; BasinScope implements only learned "
               "position embeddings");
    c.vocabSize = f.size("vocab_size", kMaxVocab);
    c.hiddenSize = f.size("dim", kMaxWidth);
    c.numLayers = f.size("n_layers", kMaxLayers);
    c.numHeads = f.size("n_heads", kMaxWidth);
    c.intermediateSize = f.size("hidden_dim", kMaxWidth * 4);
    c.maxPositions = f.size("max_position_embeddings", 512, kMaxPositions);
    c.typeVocabSize = 0;
    c.padTokenId = f.nonNegativeInt("pad_token_id", 0);
    c.hiddenAct = activation(f, "activation");
    c.layerNormEps = 1e-12; // fixed in transformers' DistilBERT, not a config field
    c.hiddenDropout = f.probability("dropout", 0.1);
    c.attentionDropout = f.probability("attention_dropout", 0.1);
    c.classifierDropout = f.probability("seq_classif_dropout", 0.2);
    c.initializerRange = f.positiveNumber("initializer_range", 0.02, kMaxInitializerRange);
}

json parseJsonFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throwFileError(file.string(), "file not found");
    if (std::filesystem::is_directory(file, ec))
        throwFileError(file.string(), "is a folder, expected a config.json file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throwFileError(file.string(), "cannot be opened for reading");
    const auto size = std::filesystem::file_size(file, ec);
    if (!ec && size > 16u * 1024 * 1024)
        throwFileError(file.string(),
                       "is " + std::to_string(size) + " bytes; a config.json is a few kilobytes");
    try {
        return json::parse(in, jsonDepthLimit(file.string()));
    } catch (const json::exception& e) {
        throwFileError(file.string(), std::string("not valid JSON: ") + e.what());
    }
}

} // namespace

const char* familyName(ModelFamily family) {
    switch (family) {
    case ModelFamily::Bert:
        return "bert";
    case ModelFamily::Roberta:
        return "roberta";
    case ModelFamily::DistilBert:
        return "distilbert";
    }
    return "unknown";
}

ModelConfig readModelConfig(const std::filesystem::path& configJson) {
    std::filesystem::path file = configJson;
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        file /= "config.json";
    const json root = parseJsonFile(file);
    if (!root.is_object())
        throwFileError(file.string(),
                       "expected a JSON object at the top level, found " + describe(root));
    const ConfigFields f(root, file.string());

    ModelConfig c;
    if (!root.contains("model_type"))
        f.fail("missing field 'model_type' (one of bert, roberta, distilbert)");
    c.modelType = f.string("model_type", "");
    if (c.modelType == "bert")
        c.family = ModelFamily::Bert;
    else if (c.modelType == "roberta")
        c.family = ModelFamily::Roberta;
    else if (c.modelType == "distilbert")
        c.family = ModelFamily::DistilBert;
    else
        f.fail("field 'model_type' is \"" + c.modelType +
               "\"; BasinScope reads bert, roberta and distilbert models");

    if (f.has("architectures")) {
        const json& arch = f.at("architectures");
        if (!arch.is_array() || (!arch.empty() && !arch.front().is_string()))
            f.fail("field 'architectures' must be a list of class names, found " + describe(arch));
        if (!arch.empty())
            c.architecture = arch.front().get<std::string>();
    }

    if (c.family == ModelFamily::DistilBert)
        readDistilBert(f, c);
    else
        readBertLike(f, c);

    if (c.hiddenSize % c.numHeads != 0)
        f.fail("hidden size " + std::to_string(c.hiddenSize) +
               " is not divisible by the number of attention heads " + std::to_string(c.numHeads));
    // The layer sizes are bounded one by one above; their product may still be absurd.
    const double h = double(c.hiddenSize);
    const double parameters =
        h * double(c.vocabSize + c.maxPositions + c.typeVocabSize) +
        double(c.numLayers) * (4.0 * h * h + 2.0 * h * double(c.intermediateSize));
    if (parameters > kMaxParameters)
        f.fail("the sizes describe a model of about " + std::to_string(int64_t(parameters / 1e9)) +
               " billion parameters (hidden size " + std::to_string(c.hiddenSize) + ", " +
               std::to_string(c.numLayers) + " layers, intermediate size " +
               std::to_string(c.intermediateSize) + ", vocab_size " + std::to_string(c.vocabSize) +
               "), more than BasinScope accepts");
    if (c.padTokenId >= c.vocabSize)
        f.fail("field 'pad_token_id' (" + std::to_string(c.padTokenId) +
               ") must be smaller than vocab_size (" + std::to_string(c.vocabSize) + ")");
    c.id2label = labels(f);
    return c;
}

void writeModelConfig(const ModelConfig& c, const std::filesystem::path& configJson) {
    if (c.hiddenSize <= 0 || c.numHeads <= 0 || c.numLayers <= 0 || c.vocabSize <= 0 ||
        c.intermediateSize <= 0 || c.maxPositions <= 0 || c.id2label.empty())
        throwFileError(configJson.string(),
                       "refusing to write an incomplete model config (sizes and labels must be "
                       "positive)");
    if (!supportedActivations().count(c.hiddenAct))
        throwFileError(configJson.string(),
                       "refusing to write unsupported activation \"" + c.hiddenAct + "\"");
    json j;
    const char* defaultArch = c.family == ModelFamily::Bert ? "BertForSequenceClassification"
                              : c.family == ModelFamily::Roberta
                                  ? "RobertaForSequenceClassification"
                                  : "DistilBertForSequenceClassification";
    j["architectures"] = json::array({c.architecture.empty() ? defaultArch : c.architecture});
    j["model_type"] = familyName(c.family);
    j["vocab_size"] = c.vocabSize;
    j["max_position_embeddings"] = c.maxPositions;
    j["pad_token_id"] = c.padTokenId;
    j["initializer_range"] = c.initializerRange;
    if (c.family == ModelFamily::DistilBert) {
        j["dim"] = c.hiddenSize;
        j["n_layers"] = c.numLayers;
        j["n_heads"] = c.numHeads;
        j["hidden_dim"] = c.intermediateSize;
        j["activation"] = c.hiddenAct;
        j["dropout"] = c.hiddenDropout;
        j["attention_dropout"] = c.attentionDropout;
        j["seq_classif_dropout"] = c.classifierDropout;
        j["qa_dropout"] = c.hiddenDropout;
        j["sinusoidal_pos_embds"] = false;
    } else {
        j["hidden_size"] = c.hiddenSize;
        j["num_hidden_layers"] = c.numLayers;
        j["num_attention_heads"] = c.numHeads;
        j["intermediate_size"] = c.intermediateSize;
        j["type_vocab_size"] = c.typeVocabSize;
        j["hidden_act"] = c.hiddenAct;
        j["layer_norm_eps"] = c.layerNormEps;
        j["hidden_dropout_prob"] = c.hiddenDropout;
        j["attention_probs_dropout_prob"] = c.attentionDropout;
        j["classifier_dropout"] = c.classifierDropout;
        j["position_embedding_type"] = "absolute";
        j["is_decoder"] = false;
    }
    json id2label = json::object();
    json label2id = json::object();
    for (size_t k = 0; k < c.id2label.size(); ++k) {
        id2label[std::to_string(k)] = c.id2label[k];
        label2id[c.id2label[k]] = k;
    }
    j["id2label"] = id2label;
    j["label2id"] = label2id;
    const std::string text = j.dump(2) + "\n";
    AtomicFile out(configJson);
    out.write(text.data(), text.size());
    out.commit();
}

} // namespace bs
