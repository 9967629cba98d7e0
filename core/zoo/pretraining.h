#pragma once
// Pre-training the zoo's encoder: masked language modelling on unlabelled toy-language text.

#include "core/io/named_tensor.h"
#include "core/zoo/zoo_recipe.h"

#include <functional>
#include <string>
#include <vector>

namespace bs {
class SequenceClassifier;
class WordPieceTokenizer;
} // namespace bs

namespace bs::zoo {

struct PretrainResult {
    // The MLM head under Hugging Face BertForMaskedLM names (cls.predictions.transform.*,
    // cls.predictions.bias); the decoder is tied to the word embeddings and not stored, as
    // save_pretrained does.
    std::vector<NamedTensor> heads;
    double mlmLoss = 0.0; // mean over the last 10% of steps
};

// Called after every step with (step done, steps, MLM loss).
using PretrainStepFn = std::function<void(int64_t, int64_t, double)>;

// Initialises `model` (a BERT classifier) from recipe.pretrain.seed and trains its encoder
// on an endless, seeded stream of toy-language sentences. Deterministic for a recipe at one
// thread. The pooler and the classifier head are left as initialised: [CLS] gets no
// pre-training signal, as in a masked-LM-only model, and fine-tuning draws the head afresh.
PretrainResult pretrainEncoder(SequenceClassifier& model, const ZooRecipe& recipe,
                               const WordPieceTokenizer& tokenizer,
                               const PretrainStepFn& onStep = {});

} // namespace bs::zoo
