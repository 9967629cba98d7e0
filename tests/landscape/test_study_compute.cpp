// A study computed end to end through the core API (the CLI and GUI drive the same calls).
#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/data/label_mapping.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bs;
namespace fs = std::filesystem;

namespace {

NewStudyOptions fourModelOptions(const fs::path& dir) {
    NewStudyOptions options;
    options.models = {test::fixtureModel("bert-seed1").string(),
                      test::fixtureModel("bert-seed2").string(),
                      test::writeBlendedModel(dir / "blend-a", 0.3, 0.02, 7).string(),
                      test::writeBlendedModel(dir / "blend-b", 0.8, 0.05, 8).string()};
    options.datasets.push_back(test::fixtureSurfaceDataset());
    options.datasets.push_back(test::fixtureHansDataset());
    options.points = 6;
    options.modelLabelNames = test::nliLabels();
    return options;
}

Study computeAll(Study study) {
    StudySession session(study, {});
    JobHooks hooks;
    computeCurves(study, session, allPairs(static_cast<int64_t>(study.models.size())), hooks);
    return study;
}

} // namespace

class TestStudyCompute : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    Study m_reference; // four models, computed without interruption

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        QElapsedTimer timer;
        timer.start();
        m_reference = computeAll(buildStudy(fourModelOptions(m_dir.path().toStdString())));
        qInfo("4 models, 6 pairs, 6 points, 2 datasets: %.2f s", timer.elapsed() / 1000.0);
    }

    void everyPairAndMatrixIsComputed() {
        const Study& s = m_reference;
        QCOMPARE(s.models.size(), size_t(4));
        for (const DatasetEntry& d : s.datasets) {
            const CurveSet& curves = s.curves.at(d.name);
            const auto& evals = s.evaluations.at(d.name);
            for (int64_t i = 0; i < 4; ++i) {
                QVERIFY(evals[i].computed());
                for (int64_t j = 0; j < 4; ++j) {
                    if (i == j)
                        continue;
                    QVERIFY(curves.hasPair(i, j));
                    // Endpoints are the models' own evaluations, never recomputed.
                    QCOMPARE(curves.lossCurve(i, j).front(), evals[i].loss);
                    QCOMPARE(curves.lossCurve(i, j).back(), evals[j].loss);
                    const auto& m = s.matrices.at(d.name);
                    QVERIFY(m.convexityGap.at(i, j) >= m.barrierHeight.at(i, j));
                    QVERIFY(m.barrierHeight.at(i, j) >= 0);
                    QCOMPARE(m.convexityGap.at(i, j), m.convexityGap.at(j, i));
                }
            }
        }
        for (int64_t i = 0; i < 4; ++i)
            for (int64_t j = 0; j < 4; ++j) {
                QCOMPARE(s.distance.at(i, j), s.distance.at(j, i));
                QVERIFY(i == j ? s.distance.at(i, j) == 0 : s.distance.at(i, j) > 0);
            }
    }

    // A stored curve point equals a direct evaluation of the interpolated model built by hand.
    void curvePointEqualsHandBuiltModel() {
        const Study& s = m_reference;
        const int64_t i = 0, j = 3, k = 2;
        const double alpha = curveAlphas(s.points)[k];
        auto a = loadClassifier(s.models[i].path);
        auto b = loadClassifier(s.models[j].path);
        auto byHand = createClassifier(a->config());
        {
            at::NoGradGuard noGrad;
            for (size_t p = 0; p < byHand->parameters().size(); ++p)
                byHand->parameters().tensor(p).copy_(a->parameters().tensor(p) * (1 - alpha) +
                                                     b->parameters().tensor(p) * alpha);
        }
        const WordPieceTokenizer tokenizer = loadTokenizerForModel(s.models[0].path);
        for (const DatasetEntry& d : s.datasets) {
            const Dataset dataset = loadDataset(parseDatasetSpec(d.spec));
            const Evaluator evaluator(encodeDataset(dataset, &tokenizer, s.maxLength, d.name),
                                      a->config(),
                                      mapLabels(dataset.labelNames, test::nliLabels()));
            const Evaluation direct = evaluator.evaluate(*byHand);
            const CurveSet& curves = s.curves.at(d.name);
            const double stored = curves.loss[curves.index(i, j, k)];
            QVERIFY2(std::abs(stored - direct.loss) <= 1e-5,
                     qPrintable(
                         QString("%1: %2 vs %3").arg(d.name.c_str()).arg(stored).arg(direct.loss)));
            QCOMPARE(curves.metric[curves.index(i, j, k)], direct.accuracy);
        }
    }

    // Cancelled mid-way (finished points kept), then resumed: exactly the uninterrupted values.
    void cancelAndResumeGivesTheSameValues() {
        Study study = buildStudy(fourModelOptions(m_dir.path().toStdString()));
        int reports = 0, saves = 0;
        {
            StudySession session(study, {});
            JobHooks hooks;
            hooks.progress =
                Progress([&](int64_t, int64_t, const std::string&) { return ++reports < 20; });
            hooks.persist = [&](const StudyChange&) {
                ++saves;
            };
            QVERIFY_THROWS_EXCEPTION(Cancelled, computeCurves(study, session, allPairs(4), hooks));
        }
        QVERIFY(saves >= 1);
        const CurveSet& partial = study.curves.at("mnli");
        int complete = 0;
        for (const auto& [i, j] : allPairs(4))
            complete += partial.hasPair(i, j) ? 1 : 0;
        QVERIFY2(complete < 6, "the job was not interrupted");
        study = computeAll(study);
        for (const DatasetEntry& d : study.datasets) {
            const CurveSet& resumed = study.curves.at(d.name);
            const CurveSet& reference = m_reference.curves.at(d.name);
            for (size_t v = 0; v < resumed.loss.size(); ++v) {
                if (std::isnan(reference.loss[v]))
                    QVERIFY(std::isnan(resumed.loss[v]));
                else
                    QCOMPARE(resumed.loss[v], reference.loss[v]);
            }
        }
    }

    void changingTheModelListKeepsResults() {
        Study study = m_reference;
        std::vector<ModelEntry> models = study.models;
        const ModelEntry removed = models[1];
        models.erase(models.begin() + 1);
        study.setModels(models);
        QCOMPARE(study.models.size(), size_t(3));
        // Pair (seed1, blend-b) was (0, 3), is now (0, 2).
        QCOMPARE(study.curves.at("mnli").lossCurve(0, 2),
                 m_reference.curves.at("mnli").lossCurve(0, 3));
        // A model added (back) starts without results; the others keep theirs.
        models.push_back(removed);
        study.setModels(models);
        QCOMPARE(study.models.back().name, removed.name);
        QVERIFY(study.curves.at("mnli").hasPair(0, 2));
        QVERIFY(!study.curves.at("mnli").hasPair(0, 3));
        QVERIFY(!study.evaluations.at("mnli")[3].computed());
        QCOMPARE(study.evaluations.at("mnli")[2].loss, m_reference.evaluations.at("mnli")[3].loss);
    }

    void differentArchitecturesAreRefused() {
        NewStudyOptions options = fourModelOptions(m_dir.path().toStdString());
        options.models = {test::fixtureModel("bert-seed1").string(),
                          (test::fixturesDir() / "hf" / "distilbert-seed1").string()};
        try {
            buildStudy(options);
            QFAIL("BERT and DistilBERT were accepted in one study");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("distilbert-seed1") && message.contains("architecture"),
                     qPrintable(message));
        }
    }

    // Two names for one folder (a symlink) are refused by name, not merged into one model.
    void oneFolderUnderTwoNamesIsRefused() {
        const std::filesystem::path link =
            std::filesystem::path(m_dir.path().toStdString()) / "seed1-link";
        std::filesystem::create_directory_symlink(test::fixtureModel("bert-seed1"), link);
        NewStudyOptions options = fourModelOptions(m_dir.path().toStdString());
        options.models = {test::fixtureModel("bert-seed1").string(), link.string(),
                          test::fixtureModel("bert-seed2").string()};
        try {
            buildStudy(options);
            QFAIL("a folder and a symlink to it were accepted as two models");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("seed1-link") && message.contains("are the same folder"),
                     qPrintable(message));
        }
        // The same folder named twice (overlapping patterns) is one model, as before.
        options.models = {test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed1").string(),
                          test::fixtureModel("bert-seed2").string()};
        QCOMPARE(buildStudy(options).models.size(), size_t(2));
    }

    // A study records its precision and never mixes two.
    void anotherPrecisionIsRefused() {
        QCOMPARE(m_reference.precision, std::string("fp32"));
        Study study = m_reference;
        ComputeOptions bf16;
        bf16.precision = Precision::Bf16;
        std::unique_ptr<StudySession> session;
        try {
            session = std::make_unique<StudySession>(study, bf16);
        } catch (const Error& e) {
            QSKIP(e.what()); // no bf16 on this processor
        }
        int saves = 0;
        JobHooks hooks;
        hooks.persist = [&](const StudyChange&) {
            ++saves;
        };
        try {
            computeCurves(study, *session, allPairs(4), hooks);
            QFAIL("bf16 curves were added to an fp32 study");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("computed in fp32 and this run uses bf16") !=
                         std::string::npos,
                     e.what());
        }
        QCOMPARE(saves, 0);
        // A study without results takes the precision of its first computation.
        Study fresh = buildStudy(fourModelOptions(m_dir.path().toStdString()));
        StudySession freshSession(fresh, bf16);
        evaluateModels(fresh, freshSession, {0}, false, hooks);
        QCOMPARE(fresh.precision, std::string("bf16"));
        QVERIFY(saves >= 2); // the precision (whole file), then the model
    }

    void unknownPairNameListsTheModels() {
        try {
            pairsByName(m_reference, {{"bert-seed1", "no-such-model"}});
            QFAIL("an unknown model name was accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("no-such-model") && message.contains("bert-seed2"),
                     qPrintable(message));
        }
    }

    void wrongColumnCountNamesTheLine() {
        NewStudyOptions options = fourModelOptions(m_dir.path().toStdString());
        options.datasets[0] = parseNamedDatasetSpec(
            "mnli=" + (test::testDataDir() / "broken" / "mnli_short_row.tsv").string() + ":mnli",
            DatasetRole::Surface);
        try {
            buildStudy(options);
            QFAIL("a row with a missing column was accepted");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("mnli_short_row.tsv") && message.contains("line"),
                     qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestStudyCompute)
#include "test_study_compute.moc"
