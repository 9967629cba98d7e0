// Study in memory: curve storage, carrying results over model/dataset changes, validation.
#include "core/common/error.h"
#include "core/study/study.h"
#include "tests/study/study_samples.h"

#include <QtTest>

#include <cmath>

using namespace bs;
using bs::test::fullStudy;
using bs::test::sampleDataset;
using bs::test::sampleModel;

namespace {

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> namesOf(const std::vector<ModelEntry>& models) {
    std::vector<std::string> out;
    for (const auto& m : models)
        out.push_back(m.name);
    return out;
}

} // namespace

class TestStudyModel : public QObject {
    Q_OBJECT
private slots:
    void curveSetStoresMirroredPairs() {
        CurveSet c = CurveSet::empty(3, 4);
        QCOMPARE(c.loss.size(), size_t(36));
        QVERIFY(std::isnan(c.loss[0]) && std::isnan(c.metric[35]));
        QVERIFY(!c.hasPair(0, 2));
        c.setPair(0, 2, {1.0, 2.0, 3.0, 4.0}, {0.9, 0.8, 0.7, 0.6});
        QVERIFY(c.hasPair(0, 2));
        QVERIFY(c.hasPair(2, 0));
        QVERIFY(!c.hasPair(0, 1));
        QVERIFY(!c.hasPair(0, 3)); // outside the models
        QCOMPARE(c.lossCurve(0, 2), (std::vector<double>{1.0, 2.0, 3.0, 4.0}));
        // From model 2 to model 0 alpha runs the other way: the same curve reversed.
        QCOMPARE(c.lossCurve(2, 0), (std::vector<double>{4.0, 3.0, 2.0, 1.0}));
        QCOMPARE(c.metricCurve(2, 0), (std::vector<double>{0.6, 0.7, 0.8, 0.9}));
        QCOMPARE(c.loss[c.index(0, 2, 1)], 2.0);
        QCOMPARE(c.index(2, 1, 3), size_t((2 * 3 + 1) * 4 + 3));
        // A NaN point means the pair is not complete (a pair in flight when a job stopped).
        c.setPair(0, 1, {1.0, kNaN, 3.0, 4.0}, {0, 0, 0, 0});
        QVERIFY(!c.hasPair(0, 1));
    }

    void curveSetRejectsWrongSizes() {
        CurveSet c = CurveSet::empty(3, 4);
        const auto e = errorOf([&] { c.setPair(0, 1, {1.0, 2.0}, {1.0, 2.0}); });
        QVERIFY2(contains(e, "2 loss and 2 metric values, expected 4"), e.c_str());
        const auto outside = errorOf([&] { c.setPair(0, 3, {1, 2, 3, 4}, {1, 2, 3, 4}); });
        QVERIFY2(contains(outside, "outside the study's 3 models"), outside.c_str());
    }

    void evaluationMetricByName() {
        const Evaluation e{0.5, 0.8, 0.7, 0.4, 12};
        QVERIFY(e.computed());
        QCOMPARE(e.metric("accuracy"), 0.8);
        QCOMPARE(e.metric("f1"), 0.7);
        QCOMPARE(e.metric("mcc"), 0.4);
        QVERIFY(!Evaluation{}.computed());
        const auto error = errorOf([&] { e.metric("recall"); });
        QVERIFY2(contains(error, "'recall'") && contains(error, "accuracy, f1 or mcc"),
                 error.c_str());
    }

    void alphasAndRoles() {
        QCOMPARE(curveAlphas(5), (std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0}));
        QCOMPARE(curveAlphas(2), (std::vector<double>{0.0, 1.0}));
        QVERIFY(contains(errorOf([] { curveAlphas(1); }), "at least 2 points"));
        QCOMPARE(std::string(roleName(DatasetRole::Surface)), std::string("surface"));
        QCOMPARE(std::string(roleName(DatasetRole::Diagnostic)), std::string("diagnostic"));
        QCOMPARE(parseRole("surface"), DatasetRole::Surface);
        QCOMPARE(parseRole(roleName(DatasetRole::Diagnostic)), DatasetRole::Diagnostic);
        const auto e = errorOf([] { parseRole("Surface"); });
        QVERIFY2(contains(e, "'surface' or 'diagnostic', found 'Surface'"), e.c_str());
    }

    void groupNames() {
        QVERIFY(isValidGroupName("mnli"));
        QVERIFY(isValidGroupName("hans-lo"));
        QVERIFY(isValidGroupName("paws.qqp_v2"));
        QVERIFY(isValidGroupName(".hidden"));
        QVERIFY(!isValidGroupName(""));
        QVERIFY(!isValidGroupName("."));
        QVERIFY(!isValidGroupName(".."));
        QVERIFY(!isValidGroupName("a/b"));
        QVERIFY(!isValidGroupName("with space"));
        QVERIFY(!isValidGroupName("ünï"));
    }

    void lookups() {
        const Study s = fullStudy(4, 5);
        QCOMPARE(s.modelIndex("模型-2"), int64_t(2));
        QCOMPARE(s.modelIndex("missing"), int64_t(-1));
        QCOMPARE(s.datasetIndex("hans-lo"), int64_t(1));
        QCOMPARE(s.datasetIndex("mnli"), int64_t(-1));
        QVERIFY(s.surfaceDataset() != nullptr);
        QCOMPARE(s.surfaceDataset()->name, std::string("snli"));
        Study none;
        none.datasets.push_back(sampleDataset("hans", DatasetRole::Diagnostic));
        QVERIFY(none.surfaceDataset() == nullptr);
    }

    void ensureShapesFillsAndResets() {
        Study s;
        s.points = 3;
        s.models = {sampleModel("a"), sampleModel("b")};
        s.datasets = {sampleDataset("mnli", DatasetRole::Surface)};
        s.curves["gone"] = CurveSet::empty(2, 3); // a dataset no longer listed
        s.ensureShapes();
        QCOMPARE(s.evaluations.at("mnli").size(), size_t(2));
        QCOMPARE(s.curves.size(), size_t(1));
        QCOMPARE(s.curves.at("mnli").loss.size(), size_t(12));
        QCOMPARE(s.matrices.at("mnli").auc.rows, int64_t(2));
        QCOMPARE(s.distance.values.size(), size_t(4));
        QVERIFY(std::isnan(s.distance.at(0, 1)));

        s.curves.at("mnli").setPair(0, 1, {1, 2, 3}, {1, 1, 1});
        s.ensureShapes(); // shapes fit: values stay
        QVERIFY(s.curves.at("mnli").hasPair(0, 1));
        s.points = 4; // different alphas: old curves cannot be reused
        s.ensureShapes();
        QCOMPARE(s.curves.at("mnli").points, int64_t(4));
        QVERIFY(!s.curves.at("mnli").hasPair(0, 1));
    }

    void setModelsCarriesResultsByName() {
        const Study before = fullStudy(4, 5);
        Study s = before;
        const auto& m = before.models;
        // Reorder (3, 0, 2), drop model 1, add a new one in the middle.
        s.setModels({m[3], m[0], sampleModel("new-model"), m[2]});
        QCOMPARE(namesOf(s.models),
                 (std::vector<std::string>{m[3].name, m[0].name, "new-model", m[2].name}));
        const std::vector<int64_t> from = {3, 0, -1, 2};
        for (const auto& d : before.datasets) {
            const auto& oldCurves = before.curves.at(d.name);
            const auto& newCurves = s.curves.at(d.name);
            QCOMPARE(newCurves.models, int64_t(4));
            const auto& oldEval = before.evaluations.at(d.name);
            const auto& newEval = s.evaluations.at(d.name);
            const auto& oldM = before.matrices.at(d.name);
            const auto& newM = s.matrices.at(d.name);
            for (int64_t i = 0; i < 4; ++i) {
                if (from[i] < 0)
                    QVERIFY(!newEval[i].computed());
                else
                    QCOMPARE(newEval[i].loss, oldEval[from[i]].loss);
                for (int64_t j = 0; j < 4; ++j) {
                    const bool carried = from[i] >= 0 && from[j] >= 0;
                    for (int64_t k = 0; k < 5; ++k) {
                        const double now = newCurves.loss[newCurves.index(i, j, k)];
                        if (!carried) {
                            QVERIFY(std::isnan(now));
                            continue;
                        }
                        const double was = oldCurves.loss[oldCurves.index(from[i], from[j], k)];
                        QVERIFY((std::isnan(now) && std::isnan(was)) || now == was);
                    }
                    const double cg = newM.convexityGap.at(i, j);
                    const double oldCg = carried ? oldM.convexityGap.at(from[i], from[j]) : kNaN;
                    QVERIFY((std::isnan(cg) && std::isnan(oldCg)) || cg == oldCg);
                }
            }
            // Model 3 -> 0 in the old study is new (0, 1): same curve, read either way round.
            if (oldCurves.hasPair(0, 3))
                QCOMPARE(newCurves.lossCurve(1, 0), oldCurves.lossCurve(0, 3));
        }
        QCOMPARE(s.distance.at(0, 3), before.distance.at(3, 2));
        QVERIFY(std::isnan(s.distance.at(2, 0)));

        // Results that mention the removed model are gone; the rest stay.
        QCOMPARE(s.planes.size(), size_t(0)); // both planes used model 1
        QCOMPARE(s.clusterings.size(), size_t(1));
        QCOMPARE(s.clusterings[0].id, std::string("distance-k3"));
        QCOMPARE(s.sharpness.size(), size_t(1));
        QCOMPARE(s.sharpness[0].model, m[0].name);
        s.validate();
    }

    void setModelsDropsAChangedCheckpoint() {
        Study s = fullStudy(4, 5);
        auto models = s.models;
        models[0].contentHash = "sha256:retrained";
        models[1].contentHash.clear(); // not hashed yet: keep its results
        const Study before = s;
        s.setModels(models);
        for (const auto& d : s.datasets) {
            QVERIFY(!s.evaluations.at(d.name)[0].computed());
            QCOMPARE(s.evaluations.at(d.name)[1].loss, before.evaluations.at(d.name)[1].loss);
            QVERIFY(before.curves.at(d.name).hasPair(0, 1));
            QVERIFY(!s.curves.at(d.name).hasPair(0, 1));
            QCOMPARE(s.curves.at(d.name).hasPair(1, 2), before.curves.at(d.name).hasPair(1, 2));
        }
        QCOMPARE(s.modelIndex(before.models[0].name), int64_t(0));
    }

    void setModelsRejectsBadNames() {
        Study s = fullStudy(3, 5);
        const Study before = s;
        auto e = errorOf([&] { s.setModels({sampleModel("a"), sampleModel("a")}); });
        QVERIFY2(contains(e, "two models are named 'a'"), e.c_str());
        ModelEntry unnamed = sampleModel("b");
        unnamed.name.clear();
        e = errorOf([&] { s.setModels({sampleModel("a"), unnamed}); });
        QVERIFY2(contains(e, "model 2 (/data/runs/b) has an empty name"), e.c_str());
        QVERIFY(test::studyDifference(s, before).empty()); // refused: nothing changed
    }

    void setDatasetsKeepsResultsOfKeptDatasets() {
        const Study before = fullStudy(4, 5);
        Study s = before;
        DatasetEntry qqp = sampleDataset("qqp", DatasetRole::Diagnostic);
        qqp.primaryMetric = "f1";
        // Reorder, add qqp, drop hans-lo.
        s.setDatasets({qqp, before.datasets[0]});
        QCOMPARE(s.datasets[0].name, std::string("qqp"));
        QCOMPARE(s.evaluations.size(), size_t(2));
        QVERIFY(!s.evaluations.count("hans-lo"));
        QVERIFY(!s.curves.count("hans-lo"));
        QVERIFY(!s.curves.at("qqp").hasPair(0, 1));
        QCOMPARE(s.curves.at("qqp").loss.size(), size_t(4 * 4 * 5));
        QVERIFY(test::studyDifference(s, before) != "");
        QCOMPARE(s.curves.at("snli").loss.size(), before.curves.at("snli").loss.size());
        for (size_t x = 0; x < s.curves.at("snli").loss.size(); ++x) {
            const double a = s.curves.at("snli").loss[x], b = before.curves.at("snli").loss[x];
            QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
        }
        QCOMPARE(s.evaluations.at("snli")[0].loss, before.evaluations.at("snli")[0].loss);
        // The plane on hans-lo went with it; the one on snli stays. Sharpness likewise.
        QCOMPARE(s.planes.size(), size_t(1));
        QCOMPARE(s.planes[0].dataset, std::string("snli"));
        QCOMPARE(s.sharpness.size(), size_t(1));
        QCOMPARE(s.sharpness[0].dataset, std::string("snli"));
        QCOMPARE(s.clusterings.size(), size_t(2)); // on snli, and on distances
        s.validate();
    }

    void setDatasetsDropsResultsWhenRowsChange() {
        Study s = fullStudy(4, 5);
        auto datasets = s.datasets;
        datasets[0].sampleRows = {1, 2, 3, 4, 5, 6}; // resampled
        s.setDatasets(datasets);
        QVERIFY(!s.evaluations.at("snli")[0].computed());
        QVERIFY(s.evaluations.at("hans-lo")[0].computed());
        QVERIFY(s.planes.size() == 1 && s.planes[0].dataset == "hans-lo");

        Study t = fullStudy(4, 5);
        datasets = t.datasets;
        datasets[0].role = DatasetRole::Diagnostic; // roles swapped: results stay
        datasets[1].role = DatasetRole::Surface;
        datasets[1].sampleRows.clear(); // rows not resolved yet: results stay
        t.setDatasets(datasets);
        QVERIFY(t.evaluations.at("hans-lo")[0].computed());
    }

    void setDatasetsRejectsBadLists() {
        Study s = fullStudy(3, 5);
        const Study before = s;
        auto e =
            errorOf([&] { s.setDatasets({sampleDataset("mnli/matched", DatasetRole::Surface)}); });
        QVERIFY2(contains(e, "dataset name 'mnli/matched' is not allowed"), e.c_str());
        e = errorOf([&] {
            s.setDatasets({sampleDataset("a", DatasetRole::Surface),
                           sampleDataset("a", DatasetRole::Diagnostic)});
        });
        QVERIFY2(contains(e, "two datasets are named 'a'"), e.c_str());
        e = errorOf([&] {
            s.setDatasets({sampleDataset("a", DatasetRole::Surface),
                           sampleDataset("b", DatasetRole::Surface)});
        });
        QVERIFY2(contains(e, "'a' and 'b' both have role surface"), e.c_str());
        DatasetEntry noMetric = sampleDataset("c", DatasetRole::Diagnostic);
        noMetric.primaryMetric = "";
        e = errorOf([&] { s.setDatasets({noMetric}); });
        QVERIFY2(contains(e, "dataset 'c': primary metric must be accuracy, f1 or mcc, found ''"),
                 e.c_str());
        QVERIFY(test::studyDifference(s, before).empty());
    }

    void validateNamesTheInconsistency() {
        Study s = fullStudy(4, 5);
        s.validate();
        Study wrongCurves = s;
        wrongCurves.curves["snli"] = CurveSet::empty(3, 5);
        auto e = errorOf([&] { wrongCurves.validate(); });
        QVERIFY2(contains(e, "curves of 'snli' are [3, 3, 5], expected [4, 4, 5]"), e.c_str());
        Study unknownModel = s;
        unknownModel.planes[0].models[2] = "ghost";
        e = errorOf([&] { unknownModel.validate(); });
        QVERIFY2(contains(e, "plane 'plane-0' mentions unknown model 'ghost'"), e.c_str());
        Study twice = s;
        twice.clusterings.push_back(twice.clusterings[0]);
        e = errorOf([&] { twice.validate(); });
        QVERIFY2(contains(e, "clustering 'cg-snli-k2' appears twice"), e.c_str());
        Study labels = s;
        labels.clusterings[0].labels.pop_back();
        e = errorOf([&] { labels.validate(); });
        QVERIFY2(contains(e, "has 3 labels for 4 models"), e.c_str());
        Study points = s;
        points.points = 1;
        e = errorOf([&] { points.validate(); });
        QVERIFY2(contains(e, "at least 2 points per curve, found 1"), e.c_str());
        Study extra = s;
        extra.evaluations["qqp"] = {};
        e = errorOf([&] { extra.validate(); });
        QVERIFY2(contains(e, "evaluations of unknown dataset 'qqp'"), e.c_str());
        // Empty containers mean "not computed" and are fine.
        Study sparse = s;
        sparse.curves.clear();
        sparse.distance = Matrix{};
        sparse.validate();
    }
};

QTEST_GUILESS_MAIN(TestStudyModel)
#include "test_study_model.moc"
