// Model soups: the average against an independent one, identical models, a saved soup that
// loads back, and the within/across selections.
#include "core/analysis/model_soup.h"
#include "core/common/error.h"
#include "core/jobs/soup_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/landscape/weight_average.h"
#include "core/models/sequence_classifier.h"
#include "core/study/study.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest>

using namespace bs;
namespace fs = std::filesystem;

class TestModelSoups : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::vector<fs::path> m_models;

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        const fs::path dir = m_dir.path().toStdString();
        m_models = {test::fixtureModel("bert-seed1"), test::fixtureModel("bert-seed2"),
                    test::writeBlendedModel(dir / "blend-a", 0.3, 0.02, 7),
                    test::writeBlendedModel(dir / "blend-b", 0.8, 0.05, 8)};
    }

    // The soup of k models equals an average of their tensors computed parameter by parameter
    // in float64 (1e-7), whatever the order.
    void averageEqualsIndependentAverage() {
        std::vector<std::unique_ptr<SequenceClassifier>> models;
        for (size_t m = 0; m < 3; ++m)
            models.push_back(loadClassifier(m_models[m]));
        const ParameterSpace space(models[0]->config());
        std::vector<at::Tensor> flats;
        for (const auto& m : models)
            flats.push_back(space.flatten(*m));
        const at::Tensor soup = averageWeights(flats);
        QCOMPARE(soup.scalar_type(), at::kFloat);
        double worst = 0;
        for (const NamedTensor& t : space.unflatten(soup)) {
            at::Tensor reference = at::zeros_like(t.tensor, at::kDouble);
            for (const auto& m : models)
                reference += m->parameters().tensor(m->parameters().find(t.name)).to(at::kDouble);
            reference /= 3.0;
            worst =
                std::max(worst, (t.tensor.to(at::kDouble) - reference).abs().max().item<double>());
        }
        qInfo("soup of 3 against the independent average: max |diff| %.3g", worst);
        QVERIFY(worst <= 1e-7);
        const at::Tensor reversed = averageWeights({flats[2], flats[1], flats[0]});
        QVERIFY(at::equal(reversed, soup));
    }

    void soupOfIdenticalModelsIsTheModel() {
        auto model = loadClassifier(m_models[1]);
        const ParameterSpace space(model->config());
        const at::Tensor flat = space.flatten(*model);
        QVERIFY(at::equal(averageWeights({flat, flat.clone()}), flat));
        QVERIFY(at::equal(averageWeights({flat}), flat));
        QVERIFY_THROWS_EXCEPTION(Error, averageWeights({}));
        QVERIFY_THROWS_EXCEPTION(Error, averageWeights({flat, flat.narrow(0, 0, 10)}));
    }

    // Through a study: the soup is evaluated on every dataset, saved as a checkpoint, and the
    // checkpoint evaluates to the same values as a model of the study.
    void savedSoupLoadsBackAndEvaluatesTheSame() {
        NewStudyOptions options;
        for (const fs::path& m : m_models)
            options.models.push_back(m.string());
        options.datasets = {test::fixtureSurfaceDataset(), test::fixtureHansDataset()};
        options.points = 3;
        options.modelLabelNames = test::nliLabels();
        const Study study = buildStudy(options);
        StudySession session(study, {});
        SoupRequest request;
        request.models = {study.models[0].name, study.models[1].name};
        request.saveTo = fs::path(m_dir.path().toStdString()) / "soup";
        const SoupEvaluation soup = computeSoup(study, session, request);
        QCOMPARE(soup.datasets.size(), size_t(2));
        QCOMPARE(soup.savedTo, request.saveTo.string());
        QVERIFY(fs::exists(request.saveTo / "config.json"));
        QVERIFY(fs::exists(request.saveTo / "vocab.txt"));

        options.models.push_back(request.saveTo.string());
        const Study withSoup = buildStudy(options);
        StudySession soupSession(withSoup, {});
        soupSession.space().set(soupSession.cache().get(4));
        const std::vector<Evaluation> direct = soupSession.evaluateWorking();
        for (size_t d = 0; d < 2; ++d) {
            QCOMPARE(direct[d].loss, soup.evaluations[d].loss);
            QCOMPARE(direct[d].accuracy, soup.evaluations[d].accuracy);
        }
        // Added to the study, the soup is a model with the evaluations it was given.
        Study joined = study;
        addSoupModel(joined, soup);
        QCOMPARE(joined.models.size(), size_t(5));
        QCOMPARE(joined.models.back().name, std::string("soup"));
        for (size_t d = 0; d < 2; ++d) {
            QCOMPARE(joined.evaluations.at(joined.datasets[d].name)[4].loss, direct[d].loss);
            QCOMPARE(joined.evaluations.at(joined.datasets[d].name)[0].loss,
                     study.evaluations.at(study.datasets[d].name)[0].loss);
        }
        QVERIFY_THROWS_EXCEPTION(Error, addSoupModel(joined, soup)); // the name is taken
        SoupEvaluation unsaved = soup;
        unsaved.savedTo.clear();
        QVERIFY_THROWS_EXCEPTION(Error, addSoupModel(joined, unsaved));

        // An existing checkpoint is never overwritten.
        QVERIFY_THROWS_EXCEPTION(Error, computeSoup(study, session, request));
        request.saveTo.clear();
        request.models = {study.models[0].name, study.models[0].name};
        QVERIFY_THROWS_EXCEPTION(Error, computeSoup(study, session, request));

        // Within and across basins on labels 0, 0, 1, 1.
        const auto soups = computeBasinSoups(study, session,
                                             {study.models[0].name, study.models[2].name,
                                              study.models[1].name, study.models[3].name},
                                             {0, 0, 1, 1});
        QCOMPARE(soups.size(), size_t(4));
        QCOMPARE(soups[0].kind, std::string("within"));
        QCOMPARE(soups[0].models,
                 (std::vector<std::string>{study.models[0].name, study.models[2].name}));
        QCOMPARE(soups[1].kind, std::string("across"));
        QCOMPARE(soups[1].models,
                 (std::vector<std::string>{study.models[0].name, study.models[1].name}));
        QVERIFY(soupsCsv(soups).find("within cluster 1,within,1,") != std::string::npos);
    }

    void selectionsRoundRobinAcrossClusters() {
        const auto s = withinAcrossSelections({0, 0, 1, 1, 1, 2});
        QCOMPARE(s.size(), size_t(4)); // cluster 2 has one model: no soup of its own
        QCOMPARE(s[0].models, (std::vector<int64_t>{0, 1}));
        QCOMPARE(s[1].models, (std::vector<int64_t>{0, 2}));
        QCOMPARE(s[2].models, (std::vector<int64_t>{2, 3, 4}));
        QCOMPARE(s[3].models, (std::vector<int64_t>{0, 2, 5}));
        QCOMPARE(s[3].cluster, int64_t(1));
        QVERIFY(withinAcrossSelections({3, 3, 3}).empty());
    }
};

QTEST_GUILESS_MAIN(TestModelSoups)
#include "test_model_soups.moc"
