// Flipped examples of a pair whose flips are known by construction: the second model is the
// first with a shifted classifier bias, so every logit moves linearly in alpha.
#include "core/analysis/flipped_examples.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/io/derived_checkpoint.h"
#include "core/jobs/flip_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest>

using namespace bs;
namespace fs = std::filesystem;

class TestFlippedExamples : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
    }

    void flipsAreFoundAtTheAlphaOfConstruction() {
        const fs::path first = test::fixtureModel("bert-seed1");
        auto model = loadClassifier(first);
        // The first model's HANS logits, as the study will see them.
        const Dataset hans = loadDataset(test::fixtureHansDataset().spec);
        const WordPieceTokenizer tokenizer = loadTokenizerForModel(first);
        const int64_t maxLength = 128;
        const Evaluator evaluator(encodeDataset(hans, &tokenizer, maxLength, "hans"),
                                  model->config(), mapLabels(hans.labelNames, test::nliLabels()));
        const at::Tensor logits = evaluator.logits(*model).contiguous();
        const int64_t n = logits.size(0);
        QVERIFY(n >= 10);
        // HANS margin: entailment (logit 0) against non-entailment (max of logits 1, 2).
        std::vector<double> margin;
        for (int64_t e = 0; e < n; ++e)
            margin.push_back(logits[e][0].item<double>() -
                             std::max(logits[e][1].item<double>(), logits[e][2].item<double>()));
        double largest = 0;
        for (const double m : margin)
            largest = std::max(largest, m);
        QVERIFY2(largest > 0, "the fixture model predicts entailment for no HANS example");

        // Lowering the entailment bias by c moves each margin to m - c alpha: an example with
        // 0 < m < c flips at alpha* = m / c. No margin may sit on a grid point.
        const int64_t points = 11;
        double c = 1.25 * largest;
        auto nearGrid = [&](double scale) {
            for (const double m : margin)
                for (int64_t k = 0; k < points; ++k)
                    if (std::abs(m - scale * double(k) / double(points - 1)) < 1e-4)
                        return true;
            return false;
        };
        while (nearGrid(c))
            c *= 1.01;
        std::vector<NamedTensor> tensors;
        for (size_t p = 0; p < model->parameters().size(); ++p) {
            at::Tensor t = model->parameters().tensor(p).detach().clone();
            if (model->parameters()[p].name == "classifier.bias")
                t[0] -= c;
            tensors.push_back({model->parameters()[p].name, t});
        }
        const fs::path second = fs::path(m_dir.path().toStdString()) / "shifted-bias";
        writeDerivedCheckpoint(second, first, tensors);

        NewStudyOptions options;
        options.models = {first.string(), second.string()};
        options.datasets = {test::fixtureSurfaceDataset(), test::fixtureHansDataset()};
        options.points = points;
        options.maxLength = maxLength;
        options.modelLabelNames = test::nliLabels();
        const Study study = buildStudy(options);
        StudySession session(study, {});
        FlipRequest request;
        request.first = study.models[0].name;
        request.second = study.models[1].name;
        const FlipAnalysis result = computeFlips(study, session, request);
        QVERIFY(result.complete);
        QCOMPARE(result.dataset, std::string("hans"));
        QCOMPARE(result.examples, n);

        std::map<int64_t, double> expected; // example index -> first flip alpha
        for (int64_t e = 0; e < n; ++e) {
            if (margin[static_cast<size_t>(e)] <= 0 || margin[static_cast<size_t>(e)] >= c)
                continue;
            for (int64_t k = 1; k < points; ++k) {
                const double alpha = double(k) / double(points - 1);
                if (margin[static_cast<size_t>(e)] - c * alpha < 0) {
                    expected[e] = alpha;
                    break;
                }
            }
        }
        QVERIFY2(expected.size() >= 2, "the construction should flip several examples");
        QCOMPARE(result.flipped.size(), expected.size());
        std::set<double> distinct;
        for (const FlippedExample& x : result.flipped) {
            QVERIFY(expected.count(x.index));
            QCOMPARE(x.firstFlip, expected[x.index]);
            QCOMPARE(x.changes, int64_t(1));
            QVERIFY(x.endsDiffer);
            QCOMPARE(x.predicted.front(), int64_t(0)); // entailment
            QCOMPARE(x.predicted.back(), int64_t(1));  // non-entailment
            const Example& source = hans.examples[static_cast<size_t>(x.index)];
            QCOMPARE(x.row, source.row);
            QCOMPARE(x.textA, source.textA);
            QCOMPARE(x.gold, source.label);
            distinct.insert(x.firstFlip);
        }
        qInfo("%zu of %lld HANS examples flip, at %zu distinct alphas", result.flipped.size(),
              static_cast<long long>(n), distinct.size());
        // Two groups of one model each: they disagree exactly where the pair's ends differ.
        const GroupFlipAnalysis groups =
            computeGroupFlips(study, session, {request.first}, {request.second});
        QCOMPARE(groups.disagreements.size(), result.flipped.size());
        for (size_t x = 0; x < groups.disagreements.size(); ++x) {
            QCOMPARE(groups.disagreements[x].index, result.flipped[x].index);
            QCOMPARE(groups.disagreements[x].firstLabel, int64_t(0));
            QCOMPARE(groups.disagreements[x].secondLabel, int64_t(1));
            QCOMPARE(groups.disagreements[x].textA, result.flipped[x].textA);
        }
        const std::string csv = flipsCsv(result);
        QVERIFY(csv.rfind("row,first_flip,changes,ends_differ,gold,alpha=0,", 0) == 0);
        QCOMPARE(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')),
                 result.flipped.size() + 1);
    }

    // Majorities: 2 of 3 against 2 of 2; a tie goes to the lower label.
    void groupsDisagreeByMajority() {
        GroupFlipAnalysis a;
        a.labelNames = {"x", "y"};
        // predictions[model][example]: example 0 is 0,0,1 against 1,1; example 1 is 1,1,1
        // against a 1:0 tie (so 0); example 2 is 0,1,0 against a tie (0): they agree.
        collectGroupDisagreements(a, {{0, 1, 0}, {0, 1, 1}, {1, 1, 0}}, {{1, 1, 0}, {1, 0, 1}},
                                  {0, 1, 0}, {5, 6, 7});
        QCOMPARE(a.examples, int64_t(3));
        QCOMPARE(a.disagreements.size(), size_t(2));
        QCOMPARE(a.disagreements[0].row, int64_t(5));
        QCOMPARE(a.disagreements[0].firstLabel, int64_t(0));
        QCOMPARE(a.disagreements[0].firstShare, 2.0 / 3.0);
        QCOMPARE(a.disagreements[0].secondLabel, int64_t(1));
        QCOMPARE(a.disagreements[0].secondShare, 1.0);
        QCOMPARE(a.disagreements[1].row, int64_t(6));
        QCOMPARE(a.disagreements[1].firstLabel, int64_t(1));
        QCOMPARE(a.disagreements[1].secondLabel, int64_t(0));
        QCOMPARE(a.disagreements[1].secondShare, 0.5);
        QVERIFY(groupFlipsCsv(a).rfind("row,gold,first_label,first_share,", 0) == 0);
    }

    // collectFlips on hand-made predictions: a flip that comes back is kept, with both changes.
    void aPredictionThatComesBackCountsTwice() {
        FlipAnalysis a;
        a.alphas = {0, 0.5, 1};
        a.labelNames = {"x", "y"};
        // predictions[point][example]: example 0 goes 0, 0, 1; example 1 goes 1, 0, 1;
        // example 2 stays 0.
        collectFlips(a, {{0, 1, 0}, {0, 0, 0}, {1, 1, 0}}, {0, 1, 1}, {10, 11, 12});
        QCOMPARE(a.examples, int64_t(3));
        QCOMPARE(a.flipped.size(), size_t(2));
        QCOMPARE(a.flipped[0].row, int64_t(10));
        QCOMPARE(a.flipped[0].changes, int64_t(1));
        QCOMPARE(a.flipped[0].firstFlip, 1.0);
        QVERIFY(a.flipped[0].endsDiffer);
        QCOMPARE(a.flipped[1].row, int64_t(11));
        QCOMPARE(a.flipped[1].changes, int64_t(2));
        QVERIFY(!a.flipped[1].endsDiffer);
        QCOMPARE(a.flipped[1].firstFlip, 0.5);
    }
};

QTEST_GUILESS_MAIN(TestFlippedExamples)
#include "test_flipped_examples.moc"
