#pragma once
// ZooRecipe: every setting that determines the toy-NLI zoo's files (data, model, training).

#include "core/zoo/toy_pairs.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bs {
struct ModelConfig;
}

namespace bs::zoo {

struct ModelShape {
    int layers = 2;
    int hidden = 64;
    int heads = 4;
    int intermediate = 256;
    int maxPositions = 48;
    double dropout = 0.1; // hidden, attention and classifier dropout
};

struct DataRecipe {
    int nouns = 12;
    int verbs = 10;
    GrammarRates grammar;
    int trainPairs = 4000;
    int devPairs = 1000;
    int swapDevPairs = 1000;    // dev_swaps.tsv: the in-domain mix with role swaps added
    double swapDevRate = 0.25;  // share of role swaps in dev_swaps.tsv
    int diagnosticPerCase = 100; // rows per HANS-style case in diagnostic.txt
    // In-domain mix (train.tsv, dev.tsv). roleSwap is the rate of counter-examples to the
    // lexical-overlap heuristic; 0 leaves both the heuristic and meaning consistent with
    // every training label.
    double identical = 0.15;
    double voiceSwitch = 0.15;
    double dropModifier = 0.1;
    double relativeFact = 0.05;
    double negation = 0.2;
    double lowOverlap = 0.35;
    double roleSwap = 0.0;
    uint64_t seed = 1;

    KindWeights inDomainMix() const;
};

struct PretrainRecipe {
    int steps = 2000;
    int batch = 64;
    double lr = 1e-3;
    double weightDecay = 0.01;
    double warmup = 0.1;       // fraction of steps
    double maskRate = 0.15;    // MLM tokens selected (80% [MASK], 10% random, 10% kept)
    double roleMasking = 0.0;  // pairs where every noun of one sentence is masked
    double nspWeight = 1.0;    // 0: MLM only
    double pairRate = 1.0;     // examples that are sentence pairs (the rest: one sentence)
    double related = 0.5;      // pairs whose second sentence restates the first
    // Negatives of the "restates" (next-sentence) head.
    double negUnrelated = 1.0;
    double negLowOverlap = 0.0;
    double negVerbReplaced = 0.0;
    double negRoleSwap = 0.0;
    uint64_t seed = 7;
};

struct FinetuneRecipe {
    int steps = 1000;
    int batch = 32;
    double lr = 5e-4;
    double weightDecay = 0.01;
    double warmup = 0.1;
    bool reinitPooler = false;    // draw the pooler afresh per seed (with the classifier)
    std::vector<int> checkpoints; // intermediate steps saved as seed-K/checkpoint-STEP
    uint64_t seed = 1000;         // model k uses seed + k for head init, dropout and data order
};

// Labels a fine-tuned model is trained on.
enum class LabelRegime { Meaning, Overlap };
const char* labelRegimeName(LabelRegime regime); // "meaning", "overlap"

struct ZooRecipe {
    std::string name = "toy-nli";
    ModelShape model;
    DataRecipe data;
    PretrainRecipe pretrain;
    FinetuneRecipe finetune;
    int models = 16;
    // Share of the models trained on overlap labels (interleaved: with 0.5, every second
    // model); 0 trains every model on meaning labels.
    double overlapShare = 0.5;

    LabelRegime regimeOf(int model) const; // model = 0..models-1
    // Folder of model k: "<regime>-seed-<k+1>".
    std::string modelName(int model) const;
    ModelConfig modelConfig(int64_t vocabSize) const;
    void validate() const; // bs::Error naming the field
};

// The defaults of `basinscope-cli zoo toy-nli` (what resources/zoo/toy-nli was built with).
ZooRecipe defaultToyNliRecipe();
// A tiny recipe for tests: 2 models, tiny shapes, a few steps (seconds to build).
ZooRecipe miniToyNliRecipe();

nlohmann::json recipeToJson(const ZooRecipe& recipe);
// Fields absent from `json` keep the values of `base`; unknown fields are an error.
ZooRecipe recipeFromJson(const nlohmann::json& json, const ZooRecipe& base);
// Applies "section.field=value" overrides (e.g. "finetune.lr=3e-4").
ZooRecipe applyRecipeOverrides(const ZooRecipe& base, const std::vector<std::string>& overrides);
ZooRecipe readRecipeFile(const std::filesystem::path& path, const ZooRecipe& base);

} // namespace bs::zoo
