// What the explorer shows when a study is opened: the strongest barrier's curves, a map of
// the final models (checkpoints are for the training-dynamics view) sorted by the diagnostic
// metric, and the Clusters tab set to the clustering the study stores, with its delta.

#include "app/gui/clusters_panel.h"
#include "app/gui/connectivity_panel.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/gui_fixture.h"
#include "widgets/connectivity_heatmap.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <numeric>

using namespace bs;
using namespace bs::ui;

class TestOpeningView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void showsTheStrongestBarrier();
    void mapShowsFinalModelsByDiagnosticAccuracy();
    void clustersTabUsesTheStoredClustering();

private:
    QTemporaryDir m_dir;
    Study m_study;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

namespace {

constexpr int kFinal = 6;
constexpr double kStoredDelta = 0.0123;

// Six final models, each with two training checkpoints; a diagnostic set whose accuracy
// orders the finals 5, 3, 1, 4, 2, 0; CG of the finals with one clear maximum at (1, 4); a
// stored clustering with a delta no median would give.
Study demoLikeStudy() {
    Study study = test::syntheticStudy(kFinal, 5);
    for (int step : {10, 20})
        for (int k = 0; k < kFinal; ++k) {
            ModelEntry checkpoint = study.models[size_t(k)];
            checkpoint.run = study.models[size_t(k)].name;
            checkpoint.step = step;
            checkpoint.name = checkpoint.run + "/checkpoint-" + std::to_string(step);
            study.models.push_back(checkpoint);
        }
    DatasetEntry diagnostic = study.datasets.front();
    diagnostic.name = "cue-conflicts";
    diagnostic.role = DatasetRole::Diagnostic;
    study.datasets.push_back(diagnostic);
    const Matrix finals = study.matrices["mnli"].convexityGap;
    study.matrices.clear();
    study.curves.clear();
    study.ensureShapes();
    const int64_t n = int64_t(study.models.size());
    const double accuracy[kFinal] = {0.9, 0.3, 0.7, 0.2, 0.5, 0.1};
    for (int64_t m = 0; m < n; ++m)
        for (const char* d : {"mnli", "cue-conflicts"}) {
            Evaluation& e = study.evaluations[d][size_t(m)];
            e.loss = 0.1;
            e.accuracy = m < kFinal ? accuracy[m] : 0.5;
            e.examples = 3;
        }
    DerivedMatrices& m = study.matrices["mnli"];
    m.convexityGap = m.barrierHeight = m.peakExcess = m.auc = Matrix::filled(n, n);
    for (int64_t i = 0; i < kFinal; ++i)
        for (int64_t j = 0; j < kFinal; ++j)
            m.convexityGap(i, j) = finals(i, j);
    m.convexityGap(1, 4) = m.convexityGap(4, 1) = 5.0;
    // A checkpoint pair with a higher value must not win: it is not on the map.
    m.convexityGap(kFinal, kFinal + 1) = m.convexityGap(kFinal + 1, kFinal) = 9.0;
    ClusteringResult stored;
    stored.id = "cg-mnli-k2";
    stored.matrix = "cg";
    stored.dataset = "mnli";
    stored.k = 2;
    stored.delta = kStoredDelta;
    for (int k = 0; k < kFinal; ++k) {
        stored.models.push_back(study.models[size_t(k)].name);
        stored.labels.push_back(k % 2);
        stored.score.push_back(k % 2 ? 1.0 : -1.0);
    }
    stored.embedding = Matrix::filled(kFinal, 2, 0.0);
    study.clusterings.push_back(stored);
    return study;
}

} // namespace

void TestOpeningView::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("demo-like.h5"));
    m_study = demoLikeStudy();
    {
        StudyLock lock(path.toStdString(), "test");
        writeStudy(m_study, path.toStdString());
    }
    m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                            QSettings::IniFormat);
    m_settings = std::make_unique<Settings>(m_backend.get());
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
    m_window->openStudy(path);
    QVERIFY(opened.wait(10000));
}

void TestOpeningView::showsTheStrongestBarrier() {
    const InterpolationPanel* curves = m_window->findChild<InterpolationPanel*>();
    QVERIFY(curves);
    QCOMPARE(curves->pairs().size(), size_t(1));
    QCOMPARE(curves->pairs().front(), (ModelPair{1, 4}));
}

void TestOpeningView::mapShowsFinalModelsByDiagnosticAccuracy() {
    const ConnectivityHeatmap* map = m_window->connectivityPanel()->heatmap();
    // Ascending cue-conflicts accuracy of the six finals; no checkpoint.
    const std::vector<int64_t> expected = {5, 3, 1, 4, 2, 0};
    QCOMPARE(map->order(), expected);
    QCOMPARE(map->tickLabels().size(), kFinal);
    // The frame marks the pair whose curves are shown.
    const QPoint cell = map->cellCenter(1, 4);
    QVERIFY(map->rect().contains(cell));
}

void TestOpeningView::clustersTabUsesTheStoredClustering() {
    const ClustersPanel* clusters = m_window->findChild<ClustersPanel*>();
    QVERIFY(clusters);
    const ClusterRequest request = clusters->request();
    QCOMPARE(request.matrix, std::string("cg"));
    QCOMPARE(request.dataset, std::string("mnli"));
    QCOMPARE(request.k, int64_t(2));
    QVERIFY(!request.medianDelta);
    QCOMPARE(request.delta, kStoredDelta);
}

QTEST_MAIN(TestOpeningView)
#include "test_opening_view.moc"
