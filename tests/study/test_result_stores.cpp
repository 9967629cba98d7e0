// Hessian results and trained curves in the study file: a round trip keeps every field, a
// second save and reopen changes nothing, older files open without them, and a damaged field
// is refused with an error that names the file, the object and the field.
#include "core/common/error.h"
#include "core/study/study_store.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <hdf5.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// The density of two runs, as hessianDensity would give it (values need not be a real
// Hessian's: the store keeps whatever it is given).
HessianDensity sampleDensity() {
    HessianDensity d;
    d.nodes = {{-0.25, 0.5, 3.75}, {0.125, 4.0}};
    d.weights = {{0.5, 0.25, 0.25}, {0.875, 0.125}};
    d.sigma = 0.0425;
    for (int k = 0; k < 5; ++k) {
        d.grid.push_back(-0.5 + k * 1.125);
        d.density.push_back(std::sqrt(double(k + 1)) / 7);
    }
    return d;
}

Study sampleStudy() {
    Study s = test::fullStudy(4, 5);
    HessianOptions settings;
    settings.topK = 2;
    settings.lanczosSteps = 17;
    settings.traceSamples = 9;
    settings.seed = (uint64_t(1) << 62) + 3;
    settings.batchSize = 11;
    settings.densityRuns = 2;
    settings.densitySteps = 3;
    settings.densitySigma = 0;
    settings.densityGrid = 5;
    HessianValue all;
    all.eigenvalues = {12.5 + 1.0 / 3, 2.0 / 7};
    all.eigenvalueErrors = {1e-7, 0.0};
    all.trace = 41.0 / 3;
    all.traceStandardError = 0.3;
    all.parameters = 109484547;
    all.products = 26;
    all.density = sampleDensity();
    HessianValue head;
    head.eigenvalues = {0.5};
    head.eigenvalueErrors = {2e-3};
    head.trace = std::nan("");
    head.traceStandardError = std::nan("");
    head.parameters = 2307;
    head.products = 17;
    recordHessian(s.hessians, s.models[1].name, "snli", settings, {"", all});
    recordHessian(s.hessians, s.models[1].name, "snli", settings, {"classifier.", head});
    recordHessian(s.hessians, s.models[3].name, "hans-lo", settings, {"bert.encoder.", head});

    TrainedCurve c;
    c.id = "curve-0";
    c.first = s.models[0].name;
    c.second = s.models[2].name;
    c.trainSpec = "/data/train.tsv:cola:samples=64";
    c.training.kind = CurveKind::Polychain;
    c.training.steps = 3;
    c.training.learningRate = 3e-4;
    c.training.batchSize = 7;
    c.training.optimizer = CurveOptimizer::Sgd;
    c.training.seed = 5;
    c.trainingExamples = 64;
    c.trainingLosses = {0.7, 0.5, 1.0 / 3};
    c.t = curveAlphas(5);
    c.controlPoint = "/data/runs/curve-0";
    CurveComparison d;
    d.dataset = "hans-lo";
    d.metric = "mcc";
    d.lineLoss = {0.1, 0.9, 1.3, 0.8, 0.2};
    d.lineMetric = {0.5, 0.1, -0.2, 0.1, 0.4};
    d.curveLoss = {0.1, 0.15, 0.125, std::nan(""), 0.2}; // not finished
    d.curveMetric = {0.5, 0.45, 0.47, std::nan(""), 0.4};
    d.line = barrierMetrics(d.lineLoss);
    d.curve = barrierMetrics(d.curveLoss);
    c.datasets.push_back(d);
    s.trainedCurves.push_back(c);
    return s;
}

bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}
bool same(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i]))
            return false;
    return true;
}

std::string hessianDifference(const std::vector<HessianResult>& a,
                              const std::vector<HessianResult>& b) {
    if (a.size() != b.size())
        return "number of results";
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].model != b[i].model || a[i].dataset != b[i].dataset)
            return "model or dataset of result " + std::to_string(i);
        if (!a[i].settings.sameSettings(b[i].settings))
            return "settings of result " + std::to_string(i);
        if (a[i].groups.size() != b[i].groups.size())
            return "groups of result " + std::to_string(i);
        for (size_t g = 0; g < a[i].groups.size(); ++g) {
            const HessianValue &x = a[i].groups[g].value, &y = b[i].groups[g].value;
            if (a[i].groups[g].group != b[i].groups[g].group ||
                !same(x.eigenvalues, y.eigenvalues) ||
                !same(x.eigenvalueErrors, y.eigenvalueErrors) || !same(x.trace, y.trace) ||
                !same(x.traceStandardError, y.traceStandardError) || x.parameters != y.parameters ||
                x.products != y.products || !(x.density == y.density))
                return "group " + std::to_string(g) + " of result " + std::to_string(i);
        }
    }
    return {};
}

std::string curveDifference(const std::vector<TrainedCurve>& a,
                            const std::vector<TrainedCurve>& b) {
    if (a.size() != b.size())
        return "number of curves";
    for (size_t i = 0; i < a.size(); ++i) {
        const TrainedCurve &x = a[i], &y = b[i];
        if (x.id != y.id || x.first != y.first || x.second != y.second ||
            x.trainSpec != y.trainSpec || !(x.training == y.training) ||
            x.trainingExamples != y.trainingExamples || !same(x.trainingLosses, y.trainingLosses) ||
            !same(x.t, y.t) || x.controlPoint != y.controlPoint ||
            x.datasets.size() != y.datasets.size())
            return "curve " + x.id;
        for (size_t d = 0; d < x.datasets.size(); ++d) {
            const CurveComparison &p = x.datasets[d], &q = y.datasets[d];
            if (p.dataset != q.dataset || p.metric != q.metric || !same(p.lineLoss, q.lineLoss) ||
                !same(p.lineMetric, q.lineMetric) || !same(p.curveLoss, q.curveLoss) ||
                !same(p.curveMetric, q.curveMetric) ||
                !same(p.line.barrierHeight, q.line.barrierHeight) ||
                !same(p.curve.barrierHeight, q.curve.barrierHeight))
                return "dataset " + p.dataset + " of curve " + x.id;
        }
    }
    return {};
}

// Changes the file with HDF5 itself, as damage or another tool would.
void edit(const fs::path& file, const std::function<void(hid_t)>& change) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    QVERIFY(f >= 0);
    change(f);
    H5Fclose(f);
}
void setInt(hid_t f, const char* object, const char* name, int64_t value) {
    H5Adelete_by_name(f, object, name, H5P_DEFAULT);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate_by_name(f, object, name, H5T_STD_I64LE, space, H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, &value);
    H5Aclose(a);
    H5Sclose(space);
}
void setDouble(hid_t f, const char* object, const char* name, double value) {
    H5Adelete_by_name(f, object, name, H5P_DEFAULT);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate_by_name(f, object, name, H5T_IEEE_F64LE, space, H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_DOUBLE, &value);
    H5Aclose(a);
    H5Sclose(space);
}
void setText(hid_t f, const char* object, const char* name, const char* value) {
    H5Adelete_by_name(f, object, name, H5P_DEFAULT);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a =
        H5Acreate_by_name(f, object, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, type, &value);
    H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
}
void overwrite(hid_t f, const char* path, std::vector<double> values) {
    const hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(d);
}

} // namespace

class TestResultStores : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_file;
    int m_copies = 0;

    fs::path path(const std::string& name) { return fs::path(m_dir.path().toStdString()) / name; }

    // A fresh copy of the sample study with `change` applied; returns readStudy's error.
    QString errorAfter(const std::function<void(hid_t)>& change) {
        const fs::path copy = path("damaged-" + std::to_string(m_copies++) + ".h5");
        fs::copy_file(m_file, copy);
        edit(copy, change);
        try {
            (void)readStudy(copy);
        } catch (const Error& e) {
            const QString message = e.what();
            return message.startsWith(test::toQString(copy) + ": ")
                       ? message
                       : "error does not name the file: " + message;
        }
        return "read without an error";
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_file = path("study.h5");
        writeStudy(sampleStudy(), m_file);
    }

    void roundTripKeepsEveryField() {
        const Study want = sampleStudy();
        const Study got = readStudy(m_file);
        QCOMPARE(QString::fromStdString(test::studyDifference(want, got)), QString());
        QCOMPARE(QString::fromStdString(hessianDifference(want.hessians, got.hessians)), QString());
        QCOMPARE(QString::fromStdString(curveDifference(want.trainedCurves, got.trainedCurves)),
                 QString());
        QCOMPARE(got.hessians.size(), size_t(2));
        QCOMPARE(got.hessians[0].groups.size(), size_t(2));
        QCOMPARE(got.hessians[0].settings.seed, (uint64_t(1) << 62) + 3);
        QVERIFY(got.hessians[0].groups[1].value.density.empty());
        QCOMPARE(got.trainedCurves[0].training.kind, CurveKind::Polychain);
        QCOMPARE(got.trainedCurves[0].datasets[0].line.barrierHeight,
                 barrierMetrics(want.trainedCurves[0].datasets[0].lineLoss).barrierHeight);
        QVERIFY(std::isnan(got.trainedCurves[0].datasets[0].curve.barrierHeight));
    }

    void reopenAndSaveAgainChangesNothing() {
        const fs::path again = path("again.h5");
        writeStudy(readStudy(m_file), again);
        const Study a = readStudy(m_file), b = readStudy(again);
        QCOMPARE(QString::fromStdString(hessianDifference(a.hessians, b.hessians)), QString());
        QCOMPARE(QString::fromStdString(curveDifference(a.trainedCurves, b.trainedCurves)),
                 QString());
    }

    void filesWithoutThemStillOpen() {
        const fs::path plain = path("plain.h5");
        writeStudy(test::fullStudy(4, 5), plain);
        const Study s = readStudy(plain);
        QVERIFY(s.hessians.empty() && s.trainedCurves.empty());
        const fs::path v1 = test::testDataDir() / "study" / "format-v1.h5";
        if (fs::exists(v1)) {
            const Study old = readStudy(v1);
            QVERIFY(old.hessians.empty() && old.trainedCurves.empty());
        }
    }

    void resultsFollowTheirModelsAndDatasets() {
        Study s = sampleStudy();
        std::vector<ModelEntry> models = s.models;
        models.erase(models.begin() + 1); // the first Hessian's model
        s.setModels(models);
        QCOMPARE(s.hessians.size(), size_t(1));
        QCOMPARE(s.trainedCurves.size(), size_t(1));
        models.erase(models.begin() + 1); // the curve's second endpoint
        s.setModels(models);
        QVERIFY(s.trainedCurves.empty());
        s = sampleStudy();
        s.setDatasets({s.datasets[0]}); // drops hans-lo
        QCOMPARE(s.hessians.size(), size_t(1));
        QVERIFY(s.trainedCurves[0].datasets.empty());
        s.validate();
    }

    void recordingKeepsGroupsOfTheSameSettingsOnly() {
        std::vector<HessianResult> results;
        HessianOptions a;
        HessianValue v;
        v.eigenvalues = {1};
        v.eigenvalueErrors = {0};
        QVERIFY(!recordHessian(results, "m", "d", a, {"", v}));
        QVERIFY(!recordHessian(results, "m", "d", a, {"classifier.", v}));
        QCOMPARE(results[0].groups.size(), size_t(2));
        v.eigenvalues = {2};
        QVERIFY(!recordHessian(results, "m", "d", a, {"", v})); // recomputed: replaced
        QCOMPARE(results[0].groups.size(), size_t(2));
        QCOMPARE(results[0].find("")->value.eigenvalues[0], 2.0);
        HessianOptions b = a;
        b.seed = 1;
        QVERIFY(recordHessian(results, "m", "d", b, {"", v})); // other settings: a new result
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].groups.size(), size_t(1));
        QCOMPARE(results[0].settings.seed, uint64_t(1));
    }

    void damagedFieldsAreRefusedByName_data() {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("which");
        QTest::newRow("top_k") << "/hessians/0 attribute 'top_k'" << 0;
        QTest::newRow("eigenvalues beyond top_k") << "/hessians/0/0/eigenvalues" << 1;
        QTest::newRow("bounds") << "/hessians/0/1/eigenvalue_bounds" << 2;
        QTest::newRow("density weights") << "/hessians/0/0/density_weights" << 3;
        QTest::newRow("duplicate group") << "/hessians/0/1 attribute 'group'" << 4;
        QTest::newRow("unknown model") << "unknown model" << 5;
        QTest::newRow("kind") << "/trained_curves/curve-0 attribute 'kind'" << 6;
        QTest::newRow("learning rate") << "/trained_curves/curve-0 attribute 'learning_rate'" << 7;
        QTest::newRow("t") << "/trained_curves/curve-0/t" << 8;
        QTest::newRow("barrier")
            << "/trained_curves/curve-0/hans-lo attribute 'line_barrier_height'" << 9;
        QTest::newRow("training loss") << "/trained_curves/curve-0/training_loss" << 10;
        QTest::newRow("unknown endpoint") << "trained curve 'curve-0' mentions unknown model" << 11;
    }

    void damagedFieldsAreRefusedByName() {
        QFETCH(QString, expected);
        QFETCH(int, which);
        const std::vector<std::function<void(hid_t)>> changes = {
            [](hid_t f) { setInt(f, "/hessians/0", "top_k", 0); },
            [](hid_t f) { setInt(f, "/hessians/0", "top_k", 1); },
            [](hid_t f) { H5Ldelete(f, "/hessians/0/1/eigenvalue_bounds", H5P_DEFAULT); },
            [](hid_t f) {
                overwrite(f, "/hessians/0/0/density_weights", {1, 0, 0, 0.5, 0.25});
            },
            [](hid_t f) { setText(f, "/hessians/0/1", "group", ""); },
            [](hid_t f) { setText(f, "/hessians/1", "model", "no-such-model"); },
            [](hid_t f) { setText(f, "/trained_curves/curve-0", "kind", "spline"); },
            [](hid_t f) { setDouble(f, "/trained_curves/curve-0", "learning_rate", -1); },
            [](hid_t f) {
                overwrite(f, "/trained_curves/curve-0/t", {0, 0.3, 0.5, 0.75, 1});
            },
            [](hid_t f) {
                setDouble(f, "/trained_curves/curve-0/hans-lo", "line_barrier_height", 0.01);
            },
            [](hid_t f) { setInt(f, "/trained_curves/curve-0", "steps", 4); },
            [](hid_t f) { setText(f, "/trained_curves/curve-0", "second", "elsewhere"); },
        };
        const QString error = errorAfter(changes[size_t(which)]);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.startsWith("error does not name"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestResultStores)
#include "test_result_stores.moc"
