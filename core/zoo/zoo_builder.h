#pragma once
// Building, caching and verifying the demo model zoo (data, pre-trained encoder, fine-tunes).

#include "core/common/progress.h"
#include "core/zoo/zoo_evaluation.h"
#include "core/zoo/zoo_recipe.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bs::zoo {

// Layout of a zoo folder (every path relative to it):
//   MANIFEST.json                 recipe, command, per-model scores, XXH64 of every file
//   README.md                     how it was made and what was measured (generated)
//   data/vocab.txt                WordPiece vocabulary of the toy language
//   data/train_natural.tsv        CoLA layout; the cue word agrees with every label
//   data/train_balanced.tsv       the same sentences; the cue word lies on half the rows
//   data/dev.tsv                  in-domain validation, natural data
//   data/cue_conflicts.tsv        diagnostic: the cue word contradicts every label
//   data/no_cue.tsv               diagnostic: no cue word
//   pretrained/                   the masked-LM encoder (BertForMaskedLM names)
//   <regime>-seed-<k>/            final BertForSequenceClassification checkpoints
//   <regime>-seed-<k>/checkpoint-<step>/  intermediate checkpoints
inline constexpr const char* kManifestFile = "MANIFEST.json";

struct ZooBuildOptions {
    ZooRecipe recipe;
    std::filesystem::path out;
    int jobs = 1;        // models fine-tuned at once (each on one thread)
    std::string command; // recorded in the manifest (without --out, which does not matter)
    bool force = false;  // rebuild a zoo whose recipe differs (its files are replaced)
    Progress progress;   // steps: pre-training + fine-tuning steps of every model
    std::function<void(const std::string&)> log; // one line per stage / model
    // Research shortcut: take the pre-trained encoder of this zoo instead of pre-training,
    // when its recipe agrees on everything pre-training depends on (bs::Error otherwise).
    std::filesystem::path reusePretrained;
};

enum class ZooStatus { Built, UpToDate };

// Builds the zoo into options.out, or leaves it if its manifest records the same recipe and
// every file still has its recorded hash. A folder holding something else is refused; a zoo
// with another recipe or damaged files is rebuilt only with `force`.
ZooStatus ensureZoo(const ZooBuildOptions& options);

// Builds unconditionally (the folder must be empty, absent, or a zoo when force is set).
void buildZoo(const ZooBuildOptions& options);

// Problems found by re-hashing the files a manifest lists (empty: the zoo is intact).
std::vector<std::string> verifyZoo(const std::filesystem::path& dir);

// The parsed MANIFEST.json; throws bs::Error naming the file when absent or malformed.
nlohmann::json readZooManifest(const std::filesystem::path& dir);

// The intermediate checkpoint steps every model of a zoo has (ascending).
std::vector<int64_t> zooCheckpointSteps(const std::filesystem::path& dir);

// Final model folders of a zoo in manifest order.
std::vector<std::filesystem::path> zooModelFolders(const std::filesystem::path& dir);

} // namespace bs::zoo
