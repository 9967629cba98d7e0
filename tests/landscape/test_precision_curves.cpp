// How far bf16 moves the convexity gap and barrier height from fp32, on the fixture models
// and on the committed demo zoo. Curves are computed the way studies compute them (one
// working model, in-place lerp from fp32 endpoints, every point on the whole dataset).
#include "core/analysis/barriers.h"
#include "core/data/dataset_reader.h"
#include "core/data/dataset_spec.h"
#include "core/data/label_mapping.h"
#include "core/io/checkpoint.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/landscape/parameter_space.h"
#include "core/models/precision_support.h"
#include "core/text/tokenizer_loader.h"
#include "core/zoo/zoo_builder.h"
#include "core/zoo/zoo_study.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

namespace fs = std::filesystem;
using namespace bs;

namespace {

struct Deviation {
    double cgFp32 = 0, cgBf16 = 0, bhFp32 = 0, bhBf16 = 0;
    double cgRelative() const { return std::abs(cgBf16 - cgFp32) / std::abs(cgFp32); }
    double bhRelative() const { return std::abs(bhBf16 - bhFp32) / std::abs(bhFp32); }
};

// Curves of every pair of `models` in fp32 and in bf16 on one dataset, `points` per curve.
std::vector<Deviation> deviations(const std::vector<fs::path>& models, const Dataset& dataset,
                                  const std::vector<std::string>& modelLabels, int64_t maxLength,
                                  int64_t points) {
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(models.front());
    const EncodedDataset data = encodeDataset(dataset, &tokenizer, maxLength, "surface");
    auto first = CheckpointReader::open(models.front());
    ParameterSpace space(first->config());
    const Evaluator evaluator(data, first->config(), mapLabels(dataset.labelNames, modelLabels));
    std::vector<at::Tensor> flats;
    for (const fs::path& dir : models)
        flats.push_back(space.load(*CheckpointReader::open(dir)));
    std::vector<Deviation> out;
    for (size_t i = 0; i < flats.size(); ++i)
        for (size_t j = i + 1; j < flats.size(); ++j) {
            std::vector<double> curves[2];
            for (int k = 0; k < 2; ++k) {
                space.model().setPrecision(k == 0 ? Precision::Fp32 : Precision::Bf16);
                for (int64_t p = 0; p < points; ++p) {
                    space.lerp(flats[i], flats[j], double(p) / double(points - 1));
                    curves[k].push_back(evaluator.evaluate(space.model()).loss);
                }
            }
            out.push_back({convexityGap(curves[0]), convexityGap(curves[1]),
                           barrierHeight(curves[0]), barrierHeight(curves[1])});
        }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Relative deviations over the pairs whose fp32 value is at least `floor` (a relative
// change of a near-zero gap says nothing), printed; returns the largest.
double summarize(const char* what, const std::vector<Deviation>& all, double floor) {
    std::vector<double> cg, bh, cgAbs;
    for (const Deviation& d : all) {
        cgAbs.push_back(std::abs(d.cgBf16 - d.cgFp32));
        if (std::abs(d.cgFp32) >= floor)
            cg.push_back(d.cgRelative());
        if (std::abs(d.bhFp32) >= floor)
            bh.push_back(d.bhRelative());
    }
    std::vector<Deviation> worst = all;
    std::sort(worst.begin(), worst.end(), [](const Deviation& x, const Deviation& y) {
        return std::abs(x.cgBf16 - x.cgFp32) > std::abs(y.cgBf16 - y.cgFp32);
    });
    for (size_t k = 0; k < std::min<size_t>(3, worst.size()); ++k)
        qInfo("%s: CG fp32 %.6g, bf16 %.6g; BH fp32 %.6g, bf16 %.6g", what, worst[k].cgFp32,
              worst[k].cgBf16, worst[k].bhFp32, worst[k].bhBf16);
    const double cgMax = cg.empty() ? 0.0 : *std::max_element(cg.begin(), cg.end());
    const double bhMax = bh.empty() ? 0.0 : *std::max_element(bh.begin(), bh.end());
    qInfo("%s: %zu pairs; CG bf16 vs fp32: median %.3g%%, max %.3g%% relative (%zu pairs with "
          "CG >= %g), max %.3g absolute; BH: median %.3g%%, max %.3g%% relative (%zu pairs)",
          what, all.size(), 100 * median(cg), 100 * cgMax, cg.size(), floor,
          *std::max_element(cgAbs.begin(), cgAbs.end()), 100 * median(bh), 100 * bhMax, bh.size());
    return cgMax;
}

bool bf16Native() {
    return cpuHasNativeBf16();
}

} // namespace

class TestPrecisionCurves : public QObject {
    Q_OBJECT

private slots:
    // The fixture models: the two seeds and blends of them with noise (distinct models of
    // one architecture), 10 points, the 12 MNLI rows of tests/data.
    void fixtureModels() {
        BS_REQUIRE_FIXTURES();
        if (!bf16Native())
            QSKIP("this processor has no native bf16 products");
        QTemporaryDir tmp;
        std::vector<fs::path> models = {test::fixtureModel("bert-seed1"),
                                        test::fixtureModel("bert-seed2")};
        for (int k = 0; k < 4; ++k)
            models.push_back(test::writeBlendedModel(fs::path(tmp.path().toStdString()) /
                                                         ("blend-" + std::to_string(k)),
                                                     0.2 + 0.2 * k, 0.02, 100 + k));
        DatasetSpec spec;
        spec.path = test::testDataDir() / "mnli" / "dev_matched.tsv";
        spec.format = "mnli";
        const std::vector<Deviation> all =
            deviations(models, loadDataset(spec), test::nliLabels(), 128, 10);
        const double worst = summarize("fixture models", all, 1e-3);
        // The acceptance target, not a fitted bound: bf16 CG within 1% of fp32.
        QVERIFY2(worst <= 0.01, qPrintable(QString("largest CG deviation %1%").arg(100 * worst)));
    }

    // The demo zoo (12 models, all 66 pairs), 8 points, 200 in-domain rows as in the demo.
    // Reported, not asserted: the zoo documents the figure (docs/benchmark.md).
    void demoZoo() {
        if (!bf16Native())
            QSKIP("this processor has no native bf16 products");
        const fs::path zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        if (!fs::exists(zoo / zoo::kManifestFile))
            QSKIP("resources/zoo/toy-cue is missing");
        const DatasetSpec spec = parseDatasetSpec((zoo / "data" / "dev.tsv").string() +
                                                  ":cola:samples=200,sampling=random,seed=1");
        const std::vector<fs::path> models = zoo::zooModelFolders(zoo);
        const Dataset dataset = loadDataset(spec);
        auto config = CheckpointReader::open(models.front())->config();
        summarize("demo zoo", deviations(models, dataset, config.id2label, zoo::kDemoMaxLength, 8),
                  1e-3);
    }
};

QTEST_GUILESS_MAIN(TestPrecisionCurves)
#include "test_precision_curves.moc"
