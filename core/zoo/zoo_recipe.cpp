#include "core/zoo/zoo_recipe.h"

#include "core/common/error.h"
#include "core/io/model_config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace bs::zoo {

using json = nlohmann::json;

namespace {

// Calls v(section, field, member) for every setting, so that writing, reading and
// validating JSON share one list. Section "" is the top level.
template <typename R, typename V> void visitRecipe(R& r, V&& v) {
    v("", "name", r.name);
    v("", "models", r.models);
    v("", "balanced_share", r.balancedShare);
    v("model", "layers", r.model.layers);
    v("model", "hidden", r.model.hidden);
    v("model", "heads", r.model.heads);
    v("model", "intermediate", r.model.intermediate);
    v("model", "max_positions", r.model.maxPositions);
    v("model", "dropout", r.model.dropout);
    v("data", "people", r.data.people);
    v("data", "animals", r.data.animals);
    v("data", "place", r.data.grammar.place);
    v("data", "modifier", r.data.grammar.modifier);
    v("data", "train_rows", r.data.trainRows);
    v("data", "dev_rows", r.data.devRows);
    v("data", "diagnostic_rows", r.data.diagnosticRows);
    v("data", "natural_counter_rate", r.data.naturalCounterRate);
    v("data", "balanced_counter_rate", r.data.balancedCounterRate);
    v("data", "seed", r.data.seed);
    v("pretrain", "steps", r.pretrain.steps);
    v("pretrain", "batch", r.pretrain.batch);
    v("pretrain", "lr", r.pretrain.lr);
    v("pretrain", "weight_decay", r.pretrain.weightDecay);
    v("pretrain", "warmup", r.pretrain.warmup);
    v("pretrain", "mask_rate", r.pretrain.maskRate);
    v("pretrain", "cue_rate", r.pretrain.cueRate);
    v("pretrain", "seed", r.pretrain.seed);
    v("finetune", "steps", r.finetune.steps);
    v("finetune", "batch", r.finetune.batch);
    v("finetune", "lr", r.finetune.lr);
    v("finetune", "weight_decay", r.finetune.weightDecay);
    v("finetune", "warmup", r.finetune.warmup);
    v("finetune", "checkpoints", r.finetune.checkpoints);
    v("finetune", "seed", r.finetune.seed);
    v("finetune", "shared_head", r.finetune.sharedHead);
}

std::string fieldName(const char* section, const char* field) {
    return *section ? std::string(section) + "." + field : std::string(field);
}

void requireRange(bool ok, const std::string& field, const std::string& expected, double found) {
    if (!ok) {
        std::ostringstream out;
        out << "zoo recipe: field '" << field << "' must be " << expected << ", found " << found;
        throw Error(out.str());
    }
}

} // namespace

const char* dataRegimeName(DataRegime regime) {
    return regime == DataRegime::Natural ? "natural" : "balanced";
}

DataRegime ZooRecipe::regimeOf(int model) const {
    // Interleaved so that any prefix of the models has both regimes in proportion.
    const double before = std::floor(model * balancedShare + 1e-9);
    const double after = std::floor((model + 1) * balancedShare + 1e-9);
    return after > before ? DataRegime::Balanced : DataRegime::Natural;
}

std::string ZooRecipe::modelName(int model) const {
    return std::string(dataRegimeName(regimeOf(model))) + "-seed-" + std::to_string(model + 1);
}

ModelConfig ZooRecipe::modelConfig(int64_t vocabSize) const {
    ModelConfig c;
    c.family = ModelFamily::Bert;
    c.modelType = "bert";
    c.architecture = "BertForSequenceClassification";
    c.vocabSize = vocabSize;
    c.hiddenSize = model.hidden;
    c.numLayers = model.layers;
    c.numHeads = model.heads;
    c.intermediateSize = model.intermediate;
    c.maxPositions = model.maxPositions;
    c.typeVocabSize = 2;
    c.padTokenId = 0;
    c.hiddenAct = "gelu";
    c.layerNormEps = 1e-12;
    c.id2label = {"unacceptable", "acceptable"};
    c.hiddenDropout = c.attentionDropout = c.classifierDropout = model.dropout;
    c.initializerRange = 0.02;
    return c;
}

void ZooRecipe::validate() const {
    const auto rate = [](double v) {
        return v >= 0 && v <= 1;
    };
    requireRange(models >= 1 && models <= 256, "models", "in [1, 256]", models);
    requireRange(rate(balancedShare), "balanced_share", "in [0, 1]", balancedShare);
    requireRange(model.layers >= 1, "model.layers", ">= 1", model.layers);
    requireRange(model.hidden >= 4, "model.hidden", ">= 4", model.hidden);
    requireRange(model.heads >= 1 && model.hidden % model.heads == 0, "model.heads",
                 "a divisor of model.hidden", model.heads);
    requireRange(model.intermediate >= 1, "model.intermediate", ">= 1", model.intermediate);
    requireRange(model.maxPositions >= 20, "model.max_positions", ">= 20 (longest sentence)",
                 model.maxPositions);
    requireRange(model.dropout >= 0 && model.dropout < 1, "model.dropout", "in [0, 1)",
                 model.dropout);
    requireRange(rate(data.grammar.place), "data.place", "in [0, 1]", data.grammar.place);
    requireRange(rate(data.grammar.modifier), "data.modifier", "in [0, 1]", data.grammar.modifier);
    requireRange(data.trainRows >= 8, "data.train_rows", ">= 8", data.trainRows);
    requireRange(data.devRows >= 8, "data.dev_rows", ">= 8", data.devRows);
    requireRange(data.diagnosticRows >= 8, "data.diagnostic_rows", ">= 8", data.diagnosticRows);
    requireRange(rate(data.naturalCounterRate), "data.natural_counter_rate", "in [0, 1]",
                 data.naturalCounterRate);
    requireRange(rate(data.balancedCounterRate), "data.balanced_counter_rate", "in [0, 1]",
                 data.balancedCounterRate);
    requireRange(pretrain.steps >= 0, "pretrain.steps", ">= 0", pretrain.steps);
    requireRange(pretrain.batch >= 1, "pretrain.batch", ">= 1", pretrain.batch);
    requireRange(pretrain.maskRate > 0 && pretrain.maskRate < 1, "pretrain.mask_rate", "in (0, 1)",
                 pretrain.maskRate);
    requireRange(rate(pretrain.cueRate), "pretrain.cue_rate", "in [0, 1]", pretrain.cueRate);
    requireRange(finetune.steps >= 1, "finetune.steps", ">= 1", finetune.steps);
    requireRange(finetune.batch >= 1, "finetune.batch", ">= 1", finetune.batch);
    for (int step : finetune.checkpoints)
        requireRange(step >= 1 && step < finetune.steps, "finetune.checkpoints",
                     "steps in [1, finetune.steps)", step);
    (void)Lexicon::standard(data.people, data.animals); // throws for bad counts
}

ZooRecipe defaultZooRecipe() {
    // What the committed zoo was built with (docs/zoo.md tells how it was chosen): 12 models,
    // every second one on the balanced file. Every run starts from the same encoder and the
    // same classifier head, so that seeds differ only in data order and dropout; a small
    // learning rate with large batches keeps runs of one regime in one basin.
    ZooRecipe r;
    r.models = 12;
    r.finetune.steps = 1000;
    r.finetune.batch = 64;
    r.finetune.lr = 2e-4;
    r.finetune.sharedHead = true;
    r.finetune.checkpoints = {250, 500, 750};
    return r;
}

ZooRecipe miniZooRecipe() {
    ZooRecipe r;
    r.models = 2;
    r.model.layers = 1;
    r.model.hidden = 16;
    r.model.heads = 2;
    r.model.intermediate = 32;
    r.data.people = 3;
    r.data.animals = 3;
    r.data.trainRows = 64;
    r.data.devRows = 32;
    r.data.diagnosticRows = 16;
    r.pretrain.steps = 6;
    r.pretrain.batch = 8;
    r.finetune.steps = 6;
    r.finetune.batch = 8;
    r.finetune.checkpoints = {3};
    return r;
}

json recipeToJson(const ZooRecipe& recipe) {
    json j = json::object();
    visitRecipe(recipe, [&j](const char* section, const char* field, const auto& value) {
        if (*section)
            j[section][field] = value;
        else
            j[field] = value;
    });
    return j;
}

ZooRecipe recipeFromJson(const json& given, const ZooRecipe& base) {
    if (!given.is_object())
        throw Error("zoo recipe: expected a JSON object");
    const json known = recipeToJson(base);
    for (const auto& [key, value] : given.items()) {
        if (!known.contains(key))
            throw Error("zoo recipe: unknown field '" + key + "'");
        if (known[key].is_object()) {
            if (!value.is_object())
                throw Error("zoo recipe: field '" + key + "' must be an object");
            for (const auto& [field, v] : value.items())
                if (!known[key].contains(field))
                    throw Error("zoo recipe: unknown field '" + key + "." + field + "'");
        }
    }
    json merged = known;
    merged.merge_patch(given);
    ZooRecipe out = base;
    visitRecipe(out, [&merged](const char* section, const char* field, auto& value) {
        const json& node = *section ? merged.at(section).at(field) : merged.at(field);
        try {
            node.get_to(value);
        } catch (const json::exception& e) {
            throw Error("zoo recipe: field '" + fieldName(section, field) +
                        "' has the wrong type (" + e.what() + ")");
        }
    });
    out.validate();
    return out;
}

ZooRecipe applyRecipeOverrides(const ZooRecipe& base, const std::vector<std::string>& overrides) {
    json patch = json::object();
    for (const std::string& item : overrides) {
        const size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("--set '" + item + "': expected FIELD=VALUE, e.g. finetune.lr=3e-4");
        const std::string key = item.substr(0, eq);
        const std::string text = item.substr(eq + 1);
        json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (value.is_discarded())
            value = text; // a bare string such as a name
        const size_t dot = key.find('.');
        if (dot == std::string::npos)
            patch[key] = value;
        else
            patch[key.substr(0, dot)][key.substr(dot + 1)] = value;
    }
    return recipeFromJson(patch, base);
}

ZooRecipe readRecipeFile(const std::filesystem::path& path, const ZooRecipe& base) {
    std::ifstream in(path);
    if (!in)
        throwFileError(path.string(), "cannot open the recipe file");
    json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        throwFileError(path.string(), "not valid JSON");
    try {
        return recipeFromJson(j, base);
    } catch (const Error& e) {
        throwFileError(path.string(), e.what());
    }
}

} // namespace bs::zoo
