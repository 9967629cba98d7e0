// Barrier attribution against hand-built partially interpolated models, in float64, and the
// parameter groups of every supported family.
#include "core/analysis/barrier_attribution.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/model_config.h"
#include "core/landscape/attribution_paths.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_groups.h"
#include "core/landscape/parameter_space.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <cmath>
#include <set>

using namespace bs;
namespace fs = std::filesystem;

namespace {

fs::path hfModel(const std::string& name) {
    return test::fixturesDir() / "hf" / name;
}

// The model whose parameters in `moving` are (1 - alpha) a + alpha b and a's elsewhere, built
// parameter by parameter from the two checkpoints, in float64.
std::unique_ptr<SequenceClassifier> partialModel(const SequenceClassifier& a,
                                                 const SequenceClassifier& b,
                                                 const std::set<std::string>& moving,
                                                 double alpha) {
    auto out = createClassifier(a.config(), at::kDouble);
    at::NoGradGuard noGrad;
    for (size_t p = 0; p < out->parameters().size(); ++p) {
        const std::string& name = out->parameters()[p].name;
        const at::Tensor x = a.parameters().tensor(a.parameters().find(name)).to(at::kDouble);
        const at::Tensor y = b.parameters().tensor(b.parameters().find(name)).to(at::kDouble);
        out->parameters().tensor(p).copy_(moving.count(name) ? x * (1 - alpha) + y * alpha : x);
    }
    return out;
}

} // namespace

class TestBarrierAttribution : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { BS_REQUIRE_FIXTURES(); }

    // Every family: embeddings, one group per layer in order, the head; each parameter in
    // exactly one group; ranges cover the flat vector once.
    void groupsCoverEveryParameterOnce_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("head");
        QTest::newRow("bert") << "bert-seed1"
                              << "bert.pooler.dense.weight";
        QTest::newRow("roberta") << "roberta-seed1"
                                 << "classifier.out_proj.weight";
        QTest::newRow("distilbert") << "distilbert-seed1"
                                    << "pre_classifier.weight";
    }
    void groupsCoverEveryParameterOnce() {
        QFETCH(QString, model);
        QFETCH(QString, head);
        const ModelConfig config = readModelConfig(hfModel(model.toStdString()) / "config.json");
        const ParameterSpace space(config);
        const auto groups = parameterGroups(space.layout());
        QCOMPARE(static_cast<int64_t>(groups.size()), config.numLayers + 2);
        QCOMPARE(groups.front().name, std::string("embeddings"));
        QCOMPARE(groups.back().name, std::string("head"));
        for (int64_t l = 0; l < config.numLayers; ++l)
            QCOMPARE(groups[static_cast<size_t>(l + 1)].name, "layer " + std::to_string(l));
        std::vector<int> covered(static_cast<size_t>(space.size()), 0);
        std::set<std::string> names;
        for (const auto& g : groups) {
            for (const auto& [offset, length] : g.ranges)
                for (int64_t k = offset; k < offset + length; ++k)
                    ++covered[static_cast<size_t>(k)];
            for (const auto& name : g.parameters)
                QVERIFY2(names.insert(name).second, name.c_str());
        }
        QCOMPARE(names.size(), space.layout().size());
        QVERIFY(std::all_of(covered.begin(), covered.end(), [](int c) { return c == 1; }));
        const auto& last = groups.back().parameters;
        QVERIFY(std::find(last.begin(), last.end(), head.toStdString()) != last.end());
        for (const auto& name : groups[1].parameters)
            QVERIFY2(name.find(".layer.0.") != std::string::npos, name.c_str());
    }

    // In float64 on the two fixture BERTs: the line equals the model in which every group is
    // interpolated by hand (1e-6), and each group's paths equal the hand-built models in which
    // only that group (or all but it) moves.
    void pathsEqualHandBuiltModels() {
        auto a = loadClassifier(test::fixtureModel("bert-seed1"));
        auto b = loadClassifier(test::fixtureModel("bert-seed2"));
        ParameterSpace space(a->config(), at::kCPU, at::kDouble);
        const at::Tensor flatA = space.flatten(*a);
        const at::Tensor flatB = space.flatten(*b);
        const auto spec = test::fixtureSurfaceDataset();
        const Dataset dataset = loadDataset(spec.spec);
        const WordPieceTokenizer tokenizer =
            loadTokenizerForModel(test::fixtureModel("bert-seed1"));
        const Evaluator evaluator(encodeDataset(dataset, &tokenizer, 128, "mnli"), a->config(),
                                  mapLabels(dataset.labelNames, test::nliLabels()));
        AttributionPaths paths;
        paths.firstName = "bert-seed1";
        paths.secondName = "bert-seed2";
        paths.dataset = "mnli";
        paths.points = 5;
        const BarrierAttribution result = attributeBarrier(space, evaluator, flatA, flatB, paths);
        QVERIFY(result.complete);
        const auto groups = parameterGroups(space.layout());
        QCOMPARE(result.groups.size(), groups.size());

        std::set<std::string> all;
        for (const auto& g : groups)
            all.insert(g.parameters.begin(), g.parameters.end());
        double worst = 0;
        for (size_t k = 0; k < result.alphas.size(); ++k) {
            const auto everyGroup = partialModel(*a, *b, all, result.alphas[k]);
            worst =
                std::max(worst, std::abs(evaluator.evaluate(*everyGroup).loss - result.loss[k]));
        }
        qInfo("line vs every group moved by hand: max |diff| %.3g", worst);
        QVERIFY(worst <= 1e-6);

        // Every group at one inner point, and one group at every point.
        for (size_t g = 0; g < groups.size(); ++g) {
            const std::set<std::string> only(groups[g].parameters.begin(),
                                             groups[g].parameters.end());
            std::set<std::string> allBut;
            for (const auto& name : all)
                if (!only.count(name))
                    allBut.insert(name);
            for (size_t k = 1; k < result.alphas.size(); ++k) {
                if (k != 2 && g != 1)
                    continue;
                const double alpha = result.alphas[k];
                const double onlyLoss = evaluator.evaluate(*partialModel(*a, *b, only, alpha)).loss;
                const double allButLoss =
                    evaluator.evaluate(*partialModel(*a, *b, allBut, alpha)).loss;
                QVERIFY2(std::abs(onlyLoss - result.groups[g].onlyLoss[k]) <= 1e-9,
                         qPrintable(QString("only %1 at %2: %3 vs %4")
                                        .arg(groups[g].name.c_str())
                                        .arg(alpha)
                                        .arg(onlyLoss)
                                        .arg(result.groups[g].onlyLoss[k])));
                QVERIFY(std::abs(allButLoss - result.groups[g].allButLoss[k]) <= 1e-9);
            }
            QCOMPARE(result.groups[g].onlyLoss[0], result.loss[0]);
            QCOMPARE(result.groups[g].allButLoss[0], result.loss[0]);
        }
        // The barrier metrics are those of the stored paths.
        QCOMPARE(result.plain.convexityGap, barrierMetrics(result.loss).convexityGap);
        QCOMPARE(result.groups[3].only.barrierHeight,
                 barrierMetrics(result.groups[3].onlyLoss).barrierHeight);
    }

    // Cancelling keeps the finished paths and marks the rest NaN.
    void cancelKeepsFinishedPaths() {
        auto a = loadClassifier(test::fixtureModel("bert-seed1"));
        auto b = loadClassifier(test::fixtureModel("bert-seed2"));
        ParameterSpace space(a->config());
        const at::Tensor flatA = space.flatten(*a);
        const at::Tensor flatB = space.flatten(*b);
        const Dataset dataset = loadDataset(test::fixtureSurfaceDataset().spec);
        const WordPieceTokenizer tokenizer =
            loadTokenizerForModel(test::fixtureModel("bert-seed1"));
        const Evaluator evaluator(encodeDataset(dataset, &tokenizer, 128, "mnli"), a->config(),
                                  mapLabels(dataset.labelNames, test::nliLabels()));
        AttributionPaths paths;
        paths.points = 3;
        CancelToken token;
        // Stop once the embeddings' two paths are done, when layer 0's first point is asked for.
        const Progress progress(
            [&](int64_t, int64_t, const std::string& message) {
                if (message.find("only layer 0") != std::string::npos)
                    token.cancel();
                return true;
            },
            token);
        const BarrierAttribution result =
            attributeBarrier(space, evaluator, flatA, flatB, paths, progress);
        QVERIFY(!result.complete);
        QVERIFY(std::isfinite(result.loss[2]));
        QCOMPARE(result.groups[0].group, std::string("embeddings"));
        QVERIFY(std::isfinite(result.groups[0].onlyLoss[2]));
        QVERIFY(std::isfinite(result.groups[0].allButLoss[2]));
        QVERIFY(std::isfinite(result.groups[0].allBut.convexityGap));
        QVERIFY(std::isnan(result.groups[1].onlyLoss[1]));
        QVERIFY(std::isnan(result.groups.back().allButLoss[2]));
        QVERIFY(std::isnan(result.groups.back().allBut.barrierHeight));
        QVERIFY(std::isfinite(result.plain.barrierHeight));
        const std::string csv = attributionCsv(result);
        QVERIFY(csv.find("only,layer 0,") != std::string::npos);
        QVERIFY(csv.find(",nan,") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestBarrierAttribution)
#include "test_barrier_attribution.moc"
