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
    v("", "overlap_share", r.overlapShare);
    v("model", "layers", r.model.layers);
    v("model", "hidden", r.model.hidden);
    v("model", "heads", r.model.heads);
    v("model", "intermediate", r.model.intermediate);
    v("model", "max_positions", r.model.maxPositions);
    v("model", "dropout", r.model.dropout);
    v("data", "nouns", r.data.nouns);
    v("data", "verbs", r.data.verbs);
    v("data", "passive", r.data.grammar.passive);
    v("data", "modifier", r.data.grammar.modifier);
    v("data", "relative", r.data.grammar.relative);
    v("data", "train_pairs", r.data.trainPairs);
    v("data", "dev_pairs", r.data.devPairs);
    v("data", "swap_dev_pairs", r.data.swapDevPairs);
    v("data", "swap_dev_rate", r.data.swapDevRate);
    v("data", "diagnostic_per_case", r.data.diagnosticPerCase);
    v("data", "identical", r.data.identical);
    v("data", "voice_switch", r.data.voiceSwitch);
    v("data", "drop_modifier", r.data.dropModifier);
    v("data", "relative_fact", r.data.relativeFact);
    v("data", "negation", r.data.negation);
    v("data", "low_overlap", r.data.lowOverlap);
    v("data", "role_swap", r.data.roleSwap);
    v("data", "seed", r.data.seed);
    v("pretrain", "steps", r.pretrain.steps);
    v("pretrain", "batch", r.pretrain.batch);
    v("pretrain", "lr", r.pretrain.lr);
    v("pretrain", "weight_decay", r.pretrain.weightDecay);
    v("pretrain", "warmup", r.pretrain.warmup);
    v("pretrain", "mask_rate", r.pretrain.maskRate);
    v("pretrain", "role_masking", r.pretrain.roleMasking);
    v("pretrain", "nsp_weight", r.pretrain.nspWeight);
    v("pretrain", "pair_rate", r.pretrain.pairRate);
    v("pretrain", "related", r.pretrain.related);
    v("pretrain", "neg_unrelated", r.pretrain.negUnrelated);
    v("pretrain", "neg_low_overlap", r.pretrain.negLowOverlap);
    v("pretrain", "neg_verb_replaced", r.pretrain.negVerbReplaced);
    v("pretrain", "neg_role_swap", r.pretrain.negRoleSwap);
    v("pretrain", "seed", r.pretrain.seed);
    v("finetune", "steps", r.finetune.steps);
    v("finetune", "batch", r.finetune.batch);
    v("finetune", "lr", r.finetune.lr);
    v("finetune", "weight_decay", r.finetune.weightDecay);
    v("finetune", "warmup", r.finetune.warmup);
    v("finetune", "reinit_pooler", r.finetune.reinitPooler);
    v("finetune", "checkpoints", r.finetune.checkpoints);
    v("finetune", "seed", r.finetune.seed);
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

KindWeights DataRecipe::inDomainMix() const {
    return KindWeights{{{PairKind::Identical, identical},
                        {PairKind::VoiceSwitch, voiceSwitch},
                        {PairKind::DropModifier, dropModifier},
                        {PairKind::RelativeFact, relativeFact},
                        {PairKind::Negation, negation},
                        {PairKind::LowOverlap, lowOverlap},
                        {PairKind::RoleSwap, roleSwap}}};
}

const char* labelRegimeName(LabelRegime regime) {
    return regime == LabelRegime::Meaning ? "meaning" : "overlap";
}

LabelRegime ZooRecipe::regimeOf(int model) const {
    // Interleaved so that any prefix of the models has both regimes in proportion.
    const double before = std::floor(model * overlapShare + 1e-9);
    const double after = std::floor((model + 1) * overlapShare + 1e-9);
    return after > before ? LabelRegime::Overlap : LabelRegime::Meaning;
}

std::string ZooRecipe::modelName(int model) const {
    return std::string(labelRegimeName(regimeOf(model))) + "-seed-" + std::to_string(model + 1);
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
    c.id2label = {"entailment", "neutral", "contradiction"};
    c.hiddenDropout = c.attentionDropout = c.classifierDropout = model.dropout;
    c.initializerRange = 0.02;
    return c;
}

void ZooRecipe::validate() const {
    requireRange(models >= 1 && models <= 256, "models", "in [1, 256]", models);
    requireRange(overlapShare >= 0 && overlapShare <= 1, "overlap_share", "in [0, 1]",
                 overlapShare);
    requireRange(model.layers >= 1, "model.layers", ">= 1", model.layers);
    requireRange(model.hidden >= 4, "model.hidden", ">= 4", model.hidden);
    requireRange(model.heads >= 1 && model.hidden % model.heads == 0, "model.heads",
                 "a divisor of model.hidden", model.heads);
    requireRange(model.intermediate >= 1, "model.intermediate", ">= 1", model.intermediate);
    requireRange(model.maxPositions >= 32, "model.max_positions", ">= 32 (longest pair)",
                 model.maxPositions);
    requireRange(model.dropout >= 0 && model.dropout < 1, "model.dropout", "in [0, 1)",
                 model.dropout);
    requireRange(data.trainPairs >= 8, "data.train_pairs", ">= 8", data.trainPairs);
    requireRange(data.devPairs >= 8, "data.dev_pairs", ">= 8", data.devPairs);
    requireRange(data.swapDevPairs >= 8, "data.swap_dev_pairs", ">= 8", data.swapDevPairs);
    requireRange(data.diagnosticPerCase >= 1, "data.diagnostic_per_case", ">= 1",
                 data.diagnosticPerCase);
    requireRange(data.swapDevRate >= 0 && data.swapDevRate <= 1, "data.swap_dev_rate", "in [0, 1]",
                 data.swapDevRate);
    requireRange(pretrain.steps >= 0, "pretrain.steps", ">= 0", pretrain.steps);
    requireRange(pretrain.batch >= 1, "pretrain.batch", ">= 1", pretrain.batch);
    requireRange(pretrain.related >= 0 && pretrain.related <= 1, "pretrain.related", "in [0, 1]",
                 pretrain.related);
    requireRange(pretrain.pairRate >= 0 && pretrain.pairRate <= 1, "pretrain.pair_rate",
                 "in [0, 1]", pretrain.pairRate);
    requireRange(pretrain.maskRate > 0 && pretrain.maskRate < 1, "pretrain.mask_rate", "in (0, 1)",
                 pretrain.maskRate);
    requireRange(finetune.steps >= 1, "finetune.steps", ">= 1", finetune.steps);
    requireRange(finetune.batch >= 1, "finetune.batch", ">= 1", finetune.batch);
    for (int step : finetune.checkpoints)
        requireRange(step >= 1 && step < finetune.steps, "finetune.checkpoints",
                     "steps in [1, finetune.steps)", step);
    (void)Lexicon::standard(data.nouns, data.verbs); // throws for bad counts
    if (!(data.inDomainMix().total() > 0))
        throw Error("zoo recipe: the in-domain mix (data.identical ... data.role_swap) needs a "
                    "positive weight");
}

ZooRecipe defaultToyNliRecipe() {
    // Sized so that the zoo regenerates in well under 20 minutes on 2 cores (docs/zoo.md):
    // 8 models (4 per label regime), 600 pre-training and 600 fine-tuning steps. Role swaps
    // make up 10% of the training mix so that the two label regimes disagree on them.
    ZooRecipe r;
    r.models = 8;
    r.data.roleSwap = 0.1;
    r.pretrain.steps = 600;
    r.finetune.steps = 600;
    r.finetune.lr = 1e-3;
    r.finetune.checkpoints = {100, 200, 400};
    return r;
}

ZooRecipe miniToyNliRecipe() {
    ZooRecipe r;
    r.models = 2;
    r.model.layers = 1;
    r.model.hidden = 16;
    r.model.heads = 2;
    r.model.intermediate = 32;
    r.data.nouns = 6;
    r.data.verbs = 4;
    r.data.trainPairs = 64;
    r.data.devPairs = 32;
    r.data.swapDevPairs = 32;
    r.data.diagnosticPerCase = 4;
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
