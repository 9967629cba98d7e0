#include "tests/gui/gui_fixture.h"

#include "core/jobs/study_builder.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/support/test_support.h"

#include <QDir>
#include <QFile>

#include <cmath>

namespace bs::test {

void makeModelFolders(const QString& dir, int n) {
    for (int k = 0; k < n; ++k) {
        const QString source =
            toQString(fixturesDir() / "hf" / (k % 2 == 0 ? "bert-seed1" : "bert-seed2"));
        const QString folder = QDir(dir).filePath(QStringLiteral("m%1").arg(k));
        QDir().mkpath(folder);
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt"})
            QFile::link(QDir(source).filePath(QLatin1String(file)),
                        QDir(folder).filePath(QLatin1String(file)));
    }
}

Study buildFixtureStudy(const QString& dir, int n, int points, const QString& path) {
    makeModelFolders(dir, n);
    NewStudyOptions options;
    for (int k = 0; k < n; ++k)
        options.models.push_back(QDir(dir).filePath(QStringLiteral("m%1").arg(k)).toStdString());
    const std::string data = testDataDir().string();
    options.datasets.push_back(
        parseNamedDatasetSpec("mnli=" + data + "/mnli/dev_matched.tsv:mnli", DatasetRole::Surface));
    options.datasets.push_back(parseNamedDatasetSpec(
        "hans-lo=" + data + "/hans/heuristics_evaluation_set.txt:hans:heuristic=lexical_overlap",
        DatasetRole::Diagnostic));
    options.points = points;
    options.modelLabelNames = {"entailment", "neutral", "contradiction"};
    Study study = buildStudy(options);
    StudyLock lock(path.toStdString(), "test");
    writeStudy(study, path.toStdString());
    return study;
}

void computeFixtureStudy(const QString& path) {
    StudyLock lock(path.toStdString(), "test");
    Study study = readStudy(path.toStdString());
    StudySession session(study, ComputeOptions{});
    JobHooks hooks;
    evaluateModels(study, session, {}, false, hooks);
    computeCurves(study, session, allPairs(int64_t(study.models.size())), hooks);
    writeStudy(study, path.toStdString());
}

Study syntheticStudy(int n, int points) {
    Study study;
    study.points = points;
    for (int k = 0; k < n; ++k) {
        ModelEntry model;
        model.name = "seed-" + std::to_string(k);
        model.path = "/nonexistent/seed-" + std::to_string(k);
        model.family = "bert";
        model.parameterCount = 109483778;
        study.models.push_back(model);
    }
    DatasetEntry surface;
    surface.name = "mnli";
    surface.role = DatasetRole::Surface;
    surface.spec = "dev_matched.tsv:mnli";
    surface.source = "/nonexistent/dev_matched.tsv";
    surface.format = "mnli";
    surface.labelNames = {"entailment", "neutral", "contradiction"};
    surface.primaryMetric = "accuracy";
    surface.sampleRows = {0, 1, 2};
    study.datasets.push_back(surface);
    study.ensureShapes();
    auto& evals = study.evaluations["mnli"];
    CurveSet& curves = study.curves["mnli"];
    const std::vector<double> alphas = curveAlphas(points);
    for (int i = 0; i < n; ++i) {
        evals[size_t(i)].loss = 0.5 + 0.001 * i;
        evals[size_t(i)].accuracy = 0.8 + 0.001 * ((i * 37) % n);
        evals[size_t(i)].examples = 3;
        for (int j = i + 1; j < n; ++j) {
            const double barrier = std::abs(double(i) - double(j)) / n;
            std::vector<double> loss, metric;
            for (double a : alphas) {
                loss.push_back(0.5 + barrier * 4 * a * (1 - a));
                metric.push_back(0.8 - barrier * a * (1 - a));
            }
            curves.setPair(i, j, loss, metric);
        }
    }
    // Plausible matrices: the barrier grows with the distance between the two scores.
    DerivedMatrices& m = study.matrices["mnli"];
    m.barrierHeight = m.convexityGap = m.peakExcess = m.auc = Matrix::filled(n, n, 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double barrier = std::abs(double(i) - double(j)) / n;
            m.barrierHeight(i, j) = m.convexityGap(i, j) = m.peakExcess(i, j) = barrier;
            m.auc(i, j) = barrier * 2.0 / 3.0;
        }
    study.distance = Matrix::filled(n, n, 0.0);
    return study;
}

} // namespace bs::test
