// Reduced precision: the option's names, bf16 logits of the fixture models against fp32,
// the fp32 path untouched, cached casts that follow the weights, and overflow reported.
#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_space.h"
#include "core/models/precision.h"
#include "core/models/precision_support.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>
#include <c10/core/InferenceMode.h>

#include <cmath>

namespace fs = std::filesystem;
using namespace bs;

namespace {

const char* const kModels[] = {"bert-seed1", "bert-seed2", "roberta-seed1", "distilbert-seed1"};

fs::path modelDir(const char* name) {
    return test::fixturesDir() / "hf" / name;
}

// The 12 MNLI rows of tests/data, tokenized with the fixture vocabulary.
EncodedDataset mnliRows() {
    DatasetSpec spec;
    spec.path = test::testDataDir() / "mnli" / "dev_matched.tsv";
    spec.format = "mnli";
    const Dataset dataset = loadDataset(spec);
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(modelDir("bert-seed1"));
    return encodeDataset(dataset, &tokenizer, 128, "mnli");
}

Evaluator mnliEvaluator(const ModelConfig& config) {
    const EncodedDataset data = mnliRows();
    return Evaluator(data, config, mapLabels(data.labelNames, test::nliLabels()));
}

// bf16 keeps 8 significant bits: each rounding errs by at most u = 2^-9 relative. A layer
// rounds the inputs and weights of five products (Q/K/V, scores, values, output, two FFN
// products share one budget each), ~3 roundings apiece; treated as independent, the fixture
// models' two layers give sqrt(2 * 5 * 3) u ~ 5.5 u ~ 1.1% of the logits' scale. The bound
// allows four times that, for correlation between roundings: 4.4%, written as 0.045.
constexpr double kBf16LogitTolerance = 0.045;

} // namespace

class TestPrecision : public QObject {
    Q_OBJECT

private slots:
    void parsesNames() {
        QCOMPARE(parsePrecision("fp32"), Precision::Fp32);
        QCOMPARE(parsePrecision("bf16"), Precision::Bf16);
        QCOMPARE(parsePrecision("fp16"), Precision::Fp16);
        QCOMPARE(parsePrecision("bfloat16"), Precision::Bf16);
        QCOMPARE(parsePrecision("float32"), Precision::Fp32);
        for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Fp16})
            QCOMPARE(parsePrecision(precisionName(p)), p);
        for (const char* bad : {"", "FP32", "int8", "bf16 ", "half"}) {
            try {
                parsePrecision(bad);
                QFAIL(qPrintable(QString("accepted '%1'").arg(bad)));
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains("fp32, bf16 or fp16"), e.what());
            }
        }
    }

    void defaultsPerDevice() {
        QCOMPARE(defaultPrecision(at::kCPU), Precision::Fp32);
        QCOMPARE(defaultPrecision(at::Device(at::kCUDA, 0)), Precision::Bf16);
        QCOMPARE(precisionDtype(Precision::Bf16), at::kBFloat16);
        requirePrecisionSupported(Precision::Fp32, at::kCPU); // never throws
        // bf16 on the CPU is accepted exactly where the processor has native bf16 products.
        bool accepted = true;
        try {
            requirePrecisionSupported(Precision::Bf16, at::kCPU);
        } catch (const Error& e) {
            accepted = false;
            QVERIFY2(QString(e.what()).contains("avx512_bf16"), e.what());
        }
        QCOMPARE(accepted, cpuHasNativeBf16());
    }

    // Every fixture family: bf16 logits within the bound of fp32, and back in fp32 the
    // logits are bit-identical to a model that never left fp32.
    void bf16LogitsNearFp32() {
        BS_REQUIRE_FIXTURES();
        for (const char* name : kModels) {
            auto reference = loadClassifier(modelDir(name));
            auto model = loadClassifier(modelDir(name));
            const Evaluator evaluator = mnliEvaluator(model->config());
            const at::Tensor fp32 = evaluator.logits(*reference);

            model->setPrecision(Precision::Bf16);
            const at::Tensor bf16 = evaluator.logits(*model);
            const double scale = fp32.abs().max().item<double>();
            const double error = (bf16 - fp32).abs().max().item<double>();
            qInfo("%s: largest bf16 logit error %.3g, %.3g%% of the largest logit %.3g", name,
                  error, 100.0 * error / scale, scale);
            QVERIFY2(error <= kBf16LogitTolerance * scale, qPrintable(QString("%1: %2 > %3 * %4")
                                                                          .arg(name)
                                                                          .arg(error)
                                                                          .arg(kBf16LogitTolerance)
                                                                          .arg(scale)));
            QVERIFY2(error > 0.0, "bf16 logits equal fp32 ones: the products did not run in bf16");

            model->setPrecision(Precision::Fp32);
            QVERIFY(at::equal(evaluator.logits(*model), fp32));
        }
    }

    // The bf16 copies follow in-place interpolation: every point evaluates exactly like a
    // model that was built at that point and cast once.
    void castsFollowTheWeights() {
        BS_REQUIRE_FIXTURES();
        auto readerA = CheckpointReader::open(modelDir("bert-seed1"));
        auto readerB = CheckpointReader::open(modelDir("bert-seed2"));
        ParameterSpace space(readerA->config());
        const at::Tensor a = space.load(*readerA);
        const at::Tensor b = space.load(*readerB);
        space.model().setPrecision(Precision::Bf16);
        const Evaluator evaluator = mnliEvaluator(readerA->config());
        for (double alpha : {0.0, 0.5, 1.0, 0.25}) {
            space.lerp(a, b, alpha);
            const at::Tensor working = evaluator.logits(space.model());
            ParameterSpace fresh(readerA->config());
            fresh.set(alpha == 0.0 ? a : alpha == 1.0 ? b : at::lerp(a, b, alpha));
            fresh.model().setPrecision(Precision::Bf16);
            QVERIFY2(at::equal(working, evaluator.logits(fresh.model())),
                     qPrintable(QString("alpha %1").arg(alpha)));
        }
    }

    // Non-finite logits under reduced precision stop the evaluation with the point, the
    // dataset and the row; fp32 keeps its old behaviour (the loss is NaN).
    void overflowNamesThePoint() {
        BS_REQUIRE_FIXTURES();
        auto readerA = CheckpointReader::open(modelDir("bert-seed1"));
        auto readerB = CheckpointReader::open(modelDir("bert-seed2"));
        ParameterSpace space(readerA->config());
        const at::Tensor a = space.load(*readerA);
        const at::Tensor b = space.load(*readerB);
        {
            // One FFN weight of model B far beyond any dtype's range once multiplied out.
            at::NoGradGuard noGrad;
            const int64_t w1 =
                space.model().parameters().find("bert.encoder.layer.1.intermediate.dense.weight");
            QVERIFY(w1 >= 0);
            const ParameterSlot& slot = space.layout()[static_cast<size_t>(w1)];
            b.narrow(0, slot.offset, slot.numel).fill_(1e37);
        }
        const Evaluator evaluator = mnliEvaluator(readerA->config());
        space.lerp(a, b, 0.75);
        QVERIFY(std::isnan(evaluator.evaluate(space.model()).loss));

        space.model().setPrecision(Precision::Bf16);
        try {
            evaluator.evaluate(space.model());
            QFAIL("non-finite bf16 logits were averaged");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("alpha = 0.75"), e.what());
            QVERIFY2(message.contains(test::toQString(modelDir("bert-seed1"))), e.what());
            QVERIFY2(message.contains(test::toQString(modelDir("bert-seed2"))), e.what());
            QVERIFY2(message.contains("dataset 'mnli'"), e.what());
            QVERIFY2(message.contains("bf16"), e.what());
            QVERIFY2(message.contains("row "), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPrecision)
#include "test_precision.moc"
