// The F1 an evaluation stores is the one docs/study-format.md promises: macro F1 over the labels
// of a dataset with more than two, binary F1 of the positive label for two. Checked against a
// confusion matrix counted here from the model's own logits, independently of the evaluator's
// metric code.
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <cmath>

using namespace bs;

namespace {

struct Counts {
    std::vector<std::vector<int64_t>> cells; // [truth][prediction]
};

// Each example's predicted dataset label from the logits, taking the max over the model
// logits a dataset label maps to, as the docs of LabelMapping define.
Counts countPredictions(const Evaluator& evaluator, const SequenceClassifier& model) {
    const at::Tensor logits = evaluator.logits(model).contiguous();
    const LabelMapping& mapping = evaluator.mapping();
    const auto classes = static_cast<int64_t>(mapping.modelIndices.size());
    Counts counts{std::vector<std::vector<int64_t>>(classes, std::vector<int64_t>(classes, 0))};
    const auto* values = logits.data_ptr<double>();
    const int64_t width = logits.size(1);
    for (int64_t e = 0; e < logits.size(0); ++e) {
        int64_t best = 0;
        double bestScore = -INFINITY;
        for (int64_t k = 0; k < classes; ++k) {
            double score = -INFINITY;
            for (int64_t index : mapping.modelIndices[size_t(k)])
                score = std::max(score, values[e * width + index]);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        ++counts.cells[size_t(evaluator.data().labels[size_t(e)])][size_t(best)];
    }
    return counts;
}

// F1 of class c: 2 TP / (2 TP + FP + FN); nullopt when c occurs neither as truth nor as
// prediction (scikit-learn's macro average leaves such labels out).
std::optional<double> classF1(const Counts& counts, size_t c) {
    double tp = double(counts.cells[c][c]), fp = 0, fn = 0;
    for (size_t o = 0; o < counts.cells.size(); ++o)
        if (o != c) {
            fp += double(counts.cells[o][c]);
            fn += double(counts.cells[c][o]);
        }
    if (tp + fp + fn == 0)
        return std::nullopt;
    return 2 * tp / (2 * tp + fp + fn);
}

} // namespace

class EvaluatorF1 : public QObject {
    Q_OBJECT
private slots:
    void threeLabelsGiveMacroF1() {
        BS_REQUIRE_FIXTURES();
        for (const char* name : {"bert-seed1", "bert-seed2"}) {
            const auto folder = test::fixtureModel(name);
            const auto model = loadClassifier(folder);
            const WordPieceTokenizer tokenizer = loadTokenizerForModel(folder);
            const Dataset dataset = loadDataset(test::fixtureSurfaceDataset().spec);
            QCOMPARE(dataset.labelNames.size(), size_t(3));
            const Evaluator evaluator(encodeDataset(dataset, &tokenizer, 128, "mnli"),
                                      model->config(),
                                      mapLabels(dataset.labelNames, test::nliLabels()));
            const Evaluation e = evaluator.evaluate(*model);
            const Counts counts = countPredictions(evaluator, *model);
            double sum = 0;
            int occurring = 0;
            for (size_t c = 0; c < 3; ++c)
                if (const auto f = classF1(counts, c)) {
                    sum += *f;
                    ++occurring;
                }
            const double macro = sum / occurring;
            const double binaryOfLabel1 = classF1(counts, 1).value_or(0.0);
            qInfo("%s: macro F1 %.6f (binary F1 of label 1 would be %.6f), stored %.6f", name,
                  macro, binaryOfLabel1, e.f1);
            QVERIFY(std::abs(e.f1 - macro) < 1e-12);
        }
    }

    // Two labels (HANS: entailment, non-entailment): the binary F1 of label 1.
    void twoLabelsGiveBinaryF1() {
        BS_REQUIRE_FIXTURES();
        const auto folder = test::fixtureModel("bert-seed1");
        const auto model = loadClassifier(folder);
        const WordPieceTokenizer tokenizer = loadTokenizerForModel(folder);
        const Dataset dataset = loadDataset(test::fixtureHansDataset().spec);
        QCOMPARE(dataset.labelNames.size(), size_t(2));
        QCOMPARE(dataset.positiveLabel, int64_t(1));
        const Evaluator evaluator(encodeDataset(dataset, &tokenizer, 128, "hans"), model->config(),
                                  mapLabels(dataset.labelNames, test::nliLabels()));
        const Evaluation e = evaluator.evaluate(*model);
        const Counts counts = countPredictions(evaluator, *model);
        QVERIFY(std::abs(e.f1 - classF1(counts, 1).value_or(0.0)) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(EvaluatorF1)
#include "test_evaluator_f1.moc"
