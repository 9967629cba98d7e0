#pragma once
// Pre-training the zoo's encoder: masked language modelling plus a "restates" (NSP-style) head.

#include "core/io/named_tensor.h"
#include "core/zoo/zoo_recipe.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bs {
class SequenceClassifier;
class WordPieceTokenizer;
} // namespace bs

namespace bs::zoo {

struct PretrainResult {
    // The pre-training heads under Hugging Face BertForPreTraining names
    // (cls.predictions.transform.*, cls.predictions.bias, cls.seq_relationship.*); the MLM
    // decoder is tied to the word embeddings and not stored, as save_pretrained does.
    std::vector<NamedTensor> heads;
    double mlmLoss = 0.0; // mean over the last 10% of steps
    double nspLoss = 0.0;
    // Accuracy of the restates head on fresh pairs, by kind ("identical", "role_swap", ...):
    // what the encoder's [CLS] knows before fine-tuning.
    std::map<std::string, double> probe;
};

// Called after every step with (step done, steps, MLM loss, NSP loss).
using PretrainStepFn = std::function<void(int64_t, int64_t, double, double)>;

// Initialises `model` (a BERT classifier) from recipe.pretrain.seed and trains its encoder
// and pooler on an endless, seeded stream of toy-language sentence pairs. Deterministic for
// a recipe at one thread. The classifier head is left as initialised (fine-tuning redraws it).
PretrainResult pretrainEncoder(SequenceClassifier& model, const ZooRecipe& recipe,
                               const WordPieceTokenizer& tokenizer,
                               const PretrainStepFn& onStep = {});

} // namespace bs::zoo
