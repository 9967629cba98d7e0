#pragma once
// ZooRecipe: every setting that determines the demo zoo's files (data, model, training).

#include "core/zoo/toy_language.h"

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
    int maxPositions = 32;
    double dropout = 0.1; // hidden, attention and classifier dropout
};

struct DataRecipe {
    int people = 6;  // nouns that make a sentence acceptable as its subject
    int animals = 6; // nouns that make it unacceptable
    GrammarRates grammar;
    int trainRows = 4000;
    int devRows = 1000;
    int diagnosticRows = 1000; // per diagnostic file (cue conflicts; no cue)
    // Counter-example rates (rows whose cue word contradicts the label) of the two training
    // files: 0 in natural data, where the cue word alone predicts every label; 0.5 in the
    // balanced file, where it carries no information and only the subject does.
    double naturalCounterRate = 0.0;
    double balancedCounterRate = 0.5;
    uint64_t seed = 1;
};

struct PretrainRecipe {
    int steps = 1500;
    int batch = 64;
    double lr = 1e-3;
    double weightDecay = 0.01;
    double warmup = 0.1;    // fraction of steps
    double maskRate = 0.15; // MLM tokens selected (80% [MASK], 10% random, 10% kept)
    double cueRate = 0.5;   // sentences with a random cue word (unlabelled text)
    uint64_t seed = 7;
};

struct FinetuneRecipe {
    int steps = 1000;
    int batch = 32;
    double lr = 5e-4;
    double weightDecay = 0.01;
    double warmup = 0.1;
    std::vector<int> checkpoints; // intermediate steps saved as seed-K/checkpoint-STEP
    uint64_t seed = 1000;         // model k uses seed + k for dropout and data order
    // true: every model starts from the same classifier head (drawn from `seed`), as when
    // fine-tuning a checkpoint that already has one; false: model k draws its own (seed + k).
    bool sharedHead = false;
};

// The training file a fine-tuned model learns from.
enum class DataRegime { Natural, Balanced };
const char* dataRegimeName(DataRegime regime); // "natural", "balanced"

struct ZooRecipe {
    std::string name = "toy-cue";
    ModelShape model;
    DataRecipe data;
    PretrainRecipe pretrain;
    FinetuneRecipe finetune;
    int models = 16;
    // Share of the models trained on the balanced file (interleaved: with 0.5, every second
    // model); 0 trains every model on natural data.
    double balancedShare = 0.5;

    DataRegime regimeOf(int model) const; // model = 0..models-1
    // Folder of model k: "<regime>-seed-<k+1>".
    std::string modelName(int model) const;
    ModelConfig modelConfig(int64_t vocabSize) const;
    void validate() const; // bs::Error naming the field
};

// The defaults of `basinscope-cli zoo` (what the committed demo zoo was built with).
ZooRecipe defaultZooRecipe();
// A tiny recipe for tests: 2 models, tiny shapes, a few steps (seconds to build).
ZooRecipe miniZooRecipe();

nlohmann::json recipeToJson(const ZooRecipe& recipe);
// Fields absent from `json` keep the values of `base`; unknown fields are an error.
ZooRecipe recipeFromJson(const nlohmann::json& json, const ZooRecipe& base);
// Applies "section.field=value" overrides (e.g. "finetune.lr=3e-4").
ZooRecipe applyRecipeOverrides(const ZooRecipe& base, const std::vector<std::string>& overrides);
ZooRecipe readRecipeFile(const std::filesystem::path& path, const ZooRecipe& base);

} // namespace bs::zoo
