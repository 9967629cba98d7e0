// ParameterSpace: flat vectors, in-place interpolation, and refusal of other architectures.
#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_space.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace bs;

class TestParameterSpace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { BS_REQUIRE_FIXTURES(); }

    void flatVectorHoldsEveryParameter() {
        auto reader = CheckpointReader::open(test::fixtureModel("bert-seed1"));
        ParameterSpace space(reader->config());
        const at::Tensor flat = space.load(*reader);
        auto model = loadClassifier(test::fixtureModel("bert-seed1"));
        QCOMPARE(space.size(), model->parameters().numel());
        QCOMPARE(flat.numel(), space.size());
        space.set(flat);
        for (size_t i = 0; i < model->parameters().size(); ++i)
            QVERIFY(at::equal(space.model().parameters().tensor(i), model->parameters().tensor(i)));
        QVERIFY(at::equal(space.flatten(*model), flat));
    }

    void lerpIsInPlaceAndExact() {
        auto readerA = CheckpointReader::open(test::fixtureModel("bert-seed1"));
        auto readerB = CheckpointReader::open(test::fixtureModel("bert-seed2"));
        ParameterSpace space(readerA->config());
        const at::Tensor a = space.load(*readerA);
        const at::Tensor b = space.load(*readerB);
        const void* before = space.buffer().data_ptr();
        const double alpha = 0.3;
        space.lerp(a, b, alpha);
        QCOMPARE(space.buffer().data_ptr(), before);
        // Every parameter of the working model is a view into the one buffer.
        const auto* begin = static_cast<const char*>(before);
        const auto* end = begin + space.bytesPerModel();
        for (const auto& p : space.model().parameters().items()) {
            const auto* data = static_cast<const char*>(p.tensor.data_ptr());
            QVERIFY(data >= begin && data < end);
        }
        const at::Tensor expected = a.to(at::kDouble) * (1 - alpha) + b.to(at::kDouble) * alpha;
        QVERIFY((space.buffer().to(at::kDouble) - expected).abs().max().item<double>() < 1e-6);
        space.lerp(a, b, 1.0);
        QVERIFY(at::equal(space.buffer(), b));
    }

    // The interpolated working model evaluates exactly like a model built by hand from
    // (1 - alpha) A + alpha B, parameter by parameter.
    void pointEqualsHandBuiltModel() {
        auto readerA = CheckpointReader::open(test::fixtureModel("bert-seed1"));
        auto readerB = CheckpointReader::open(test::fixtureModel("bert-seed2"));
        ParameterSpace space(readerA->config());
        const at::Tensor a = space.load(*readerA);
        const at::Tensor b = space.load(*readerB);

        DatasetSpec spec;
        spec.path = test::testDataDir() / "mnli" / "dev_matched.tsv";
        spec.format = "mnli";
        const Dataset dataset = loadDataset(spec);
        const WordPieceTokenizer tokenizer =
            loadTokenizerForModel(test::fixtureModel("bert-seed1"));
        const EncodedDataset encoded = encodeDataset(dataset, &tokenizer, 128, "mnli");
        const Evaluator evaluator(encoded, readerA->config(),
                                  mapLabels(dataset.labelNames, test::nliLabels()));

        auto modelA = loadClassifier(test::fixtureModel("bert-seed1"));
        auto modelB = loadClassifier(test::fixtureModel("bert-seed2"));
        for (double alpha : {0.25, 0.5, 0.875}) {
            auto byHand = createClassifier(readerA->config());
            {
                at::NoGradGuard noGrad;
                for (size_t i = 0; i < byHand->parameters().size(); ++i)
                    byHand->parameters().tensor(i).copy_(modelA->parameters().tensor(i) *
                                                             (1 - alpha) +
                                                         modelB->parameters().tensor(i) * alpha);
            }
            space.lerp(a, b, alpha);
            const Evaluation point = evaluator.evaluate(space.model());
            const Evaluation direct = evaluator.evaluate(*byHand);
            QVERIFY2(
                std::abs(point.loss - direct.loss) <= 1e-5,
                qPrintable(
                    QString("alpha %1: %2 vs %3").arg(alpha).arg(point.loss).arg(direct.loss)));
            QCOMPARE(point.accuracy, direct.accuracy);
            const at::Tensor lp = evaluator.logits(space.model());
            const at::Tensor ld = evaluator.logits(*byHand);
            QVERIFY((lp - ld).abs().max().item<double>() <= 1e-5);
        }
    }

    void otherArchitectureIsRefused() {
        auto bert = CheckpointReader::open(test::fixtureModel("bert-seed1"));
        auto distil = CheckpointReader::open(test::fixturesDir() / "hf" / "distilbert-seed1");
        ParameterSpace space(bert->config());
        try {
            space.load(*distil);
            QFAIL("a DistilBERT checkpoint was accepted into a BERT space");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("distilbert-seed1") && message.contains("model_type"),
                     qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestParameterSpace)
#include "test_parameter_space.moc"
