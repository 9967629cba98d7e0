// The Clusters panel on a real study: the embedding coloured by cluster, k changes recolour it
// and reach the models table, the scatter's legend gives r, sharpness runs as a job, the
// training dynamics follow each run, and the exports are valid files.
#include "app/gui/clusters_panel.h"
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/jobs/cluster_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"
#include "widgets/cluster_views.h"
#include "widgets/model_table_model.h"
#include "widgets/training_dynamics_plot.h"
#include "widgets/view_exporter.h"

#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <map>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

class TestClusterViews : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_study;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    ClustersPanel* m_panel = nullptr;

    // Waits for the next job of `kind` to end and returns its outcome.
    JobOutcome waitForJob(JobKind kind) {
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        for (int tries = 0; tries < 10; ++tries) {
            if (!done.wait(120000))
                break;
            for (const QList<QVariant>& args : done)
                if (args.at(0).value<JobKind>() == kind)
                    return args.at(1).value<JobOutcome>();
        }
        return JobOutcome::Failed;
    }

    // The models table's cluster column, by model name.
    std::map<std::string, int64_t> tableClusters() const {
        std::map<std::string, int64_t> result;
        const ModelTable& table = m_window->modelsPanel()->tableModel()->table();
        const ModelColumn* cluster = table.column(QStringLiteral("cluster"));
        const ModelColumn* name = table.column(QStringLiteral("name"));
        if (!cluster || !name)
            return result;
        for (size_t m = 0; m < table.rows(); ++m)
            if (std::isfinite(cluster->numbers[m]))
                result[name->texts[m].toStdString()] = int64_t(cluster->numbers[m]);
        return result;
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        // Three runs with two checkpoints each (run/step come from the folder names), between
        // the two fixture models: two runs near one, one near the other.
        const fs::path dir = m_dir.path().toStdString();
        const double alphas[3][2] = {{0.05, 0.1}, {0.2, 0.15}, {0.95, 0.9}};
        NewStudyOptions options;
        for (int run = 0; run < 3; ++run)
            for (int step = 0; step < 2; ++step)
                options.models.push_back(
                    test::writeBlendedModel(dir / ("seed-" + std::to_string(run + 1)) /
                                                ("checkpoint-" + std::to_string(100 * (step + 1))),
                                            alphas[run][step], 0.01, uint64_t(10 * run + step))
                        .string());
        options.datasets.push_back(test::fixtureSurfaceDataset());
        options.datasets.push_back(test::fixtureHansDataset());
        options.points = 5;
        options.modelLabelNames = test::nliLabels();
        m_study = m_dir.filePath(QStringLiteral("clusters.h5"));
        {
            Study study = buildStudy(options);
            StudySession session(study, {});
            evaluateModels(study, session, {}, false, {});
            computeCurves(study, session, allPairs(int64_t(study.models.size())), {});
            StudyLock lock(m_study.toStdString(), "test");
            writeStudy(study, m_study.toStdString());
        }
        m_backend = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
        m_settings = std::make_unique<Settings>(m_backend.get());
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->resize(1500, 950);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(m_study);
        QVERIFY(opened.wait(10000));
        m_panel = m_window->findChild<ClustersPanel*>();
        QVERIFY(m_panel);
        m_window->showAnalysisTab(m_panel);
        // CG values of these models are far below 1: the median bandwidth separates them.
        m_panel->setMedianDelta(true);
        m_panel->storeClustering();
        QCOMPARE(waitForJob(JobKind::Cluster), JobOutcome::Completed);
    }

    void embeddingIsColouredByCluster() {
        QVERIFY2(m_panel->clustering().has_value(), qPrintable(m_panel->clusteringError()));
        const ClusteringResult& c = *m_panel->clustering();
        QCOMPARE(c.k, int64_t(2));
        QCOMPARE(c.models.size(), size_t(6));
        EmbeddingPlot* plot = m_panel->embeddingPlot();
        QCOMPARE(plot->clusterGraphs().size(), size_t(2));
        int points = 0;
        for (size_t g = 0; g < 2; ++g) {
            QCPGraph* graph = plot->clusterGraphs()[g];
            QCOMPARE(graph->scatterStyle().brush().color(), clusterColor(int64_t(g)));
            points += graph->data()->size();
            // Every point of cluster g is a model labelled g at its embedding coordinates.
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                bool found = false;
                // (the view shows the two embedding columns that vary most)
                for (size_t k = 0; k < c.models.size(); ++k)
                    for (int64_t a = 0; a < c.embedding.cols; ++a)
                        for (int64_t b = 0; b < c.embedding.cols; ++b)
                            found = found || (c.labels[k] == int64_t(g) && a != b &&
                                              c.embedding(int64_t(k), a) == it->key &&
                                              c.embedding(int64_t(k), b) == it->value);
                QVERIFY(found);
            }
        }
        QCOMPARE(points, 6);
        // Stored: the table shows the same clusters.
        const auto table = tableClusters();
        QCOMPARE(table.size(), size_t(6));
        for (size_t k = 0; k < c.models.size(); ++k)
            QCOMPARE(table.at(c.models[k]), c.labels[k]);
    }

    void changingKRecoloursAndUpdatesTheTable() {
        const std::string fileBefore = test::readFile(m_study.toStdString());
        const auto timeBefore = fs::last_write_time(m_study.toStdString());
        const size_t storedBefore = m_window->document()->study().clusterings.size();
        StudyDocument* document = m_window->document();
        QSignalSpy resets(document, &StudyDocument::studyReset);
        QSignalSpy stored(document, &StudyDocument::clusteringsChanged);
        QSignalSpy shown(document, &StudyDocument::shownClusteringChanged);
        m_panel->setK(3);
        QVERIFY(m_panel->clustering().has_value());
        QCOMPARE(m_panel->clustering()->k, int64_t(3));
        QCOMPARE(m_panel->embeddingPlot()->clusterGraphs().size(), size_t(3));
        QCOMPARE(m_panel->embeddingPlot()->clusterGraphs()[2]->scatterStyle().brush().color(),
                 clusterColor(2));
        // Trying k is view state: no job, the file untouched, the table follows at once.
        QVERIFY(!m_window->jobs()->busy());
        QCOMPARE(test::readFile(m_study.toStdString()), fileBefore);
        QVERIFY(fs::last_write_time(m_study.toStdString()) == timeBefore);
        QCOMPARE(m_window->document()->study().clusterings.size(), storedBefore);
        // No other panel is reset: the shown clustering is announced, nothing else.
        QCOMPARE(resets.count(), 0);
        QCOMPARE(stored.count(), 0);
        QCOMPARE(shown.count(), 1);
        auto table = tableClusters();
        for (size_t k = 0; k < m_panel->clustering()->models.size(); ++k)
            QCOMPARE(table.at(m_panel->clustering()->models[k]), m_panel->clustering()->labels[k]);
        // Stored on request: the study's latest clustering.
        m_panel->storeClustering();
        QCOMPARE(waitForJob(JobKind::Cluster), JobOutcome::Completed);
        const Study& study = m_window->document()->study();
        QCOMPARE(study.clusterings.back().k, int64_t(3));
        // Storing writes the file and arrives as a delta: the stored clusterings changed, no
        // panel was reset.
        QVERIFY(test::readFile(m_study.toStdString()) != fileBefore);
        QCOMPARE(stored.count(), 1);
        QCOMPARE(resets.count(), 0);
        table = tableClusters();
        int64_t most = 0;
        for (const auto& [name, cluster] : table)
            most = std::max(most, cluster);
        QCOMPARE(most, int64_t(2)); // three clusters: 0, 1, 2
        for (size_t k = 0; k < m_panel->clustering()->models.size(); ++k)
            QCOMPARE(table.at(m_panel->clustering()->models[k]), m_panel->clustering()->labels[k]);
        // The centroid score needs k = 2.
        QVERIFY(!m_panel->scoreScatter()->message().isEmpty());

        m_panel->setK(2);
        m_panel->storeClustering();
        QCOMPARE(waitForJob(JobKind::Cluster), JobOutcome::Completed);
        QCOMPARE(m_window->document()->study().clusterings.back().k, int64_t(2));
        table = tableClusters();
        for (const auto& [name, cluster] : table)
            QVERIFY(cluster == 0 || cluster == 1);
    }

    void scatterLegendShowsR() {
        // The loss varies from model to model (twelve HANS examples give these near-identical
        // models the same accuracy).
        m_panel->setColumn(QStringLiteral("hans.loss"));
        QCOMPARE(m_panel->column(), QStringLiteral("hans.loss"));
        const Study& study = m_window->document()->study();
        const Regression r = scoreRegression(study, *m_panel->clustering(), "hans.loss");
        QVERIFY(std::isfinite(r.r));
        RegressionScatter* scatter = m_panel->scoreScatter();
        const QStringList legend = scatter->legendTexts();
        const QString expected = QStringLiteral("r = %1").arg(r.r, 0, 'f', 3);
        QVERIFY2(std::any_of(legend.begin(), legend.end(),
                             [&](const QString& t) { return t.contains(expected); }),
                 qPrintable(legend.join(QStringLiteral(" | ")) + " lacks " + expected));
        QVERIFY(scatter->fitText().contains(QStringLiteral("p = ")));
        // The line is the least-squares fit.
        QCPGraph* fit = scatter->fitLine();
        QVERIFY(fit);
        QCOMPARE(fit->data()->size(), 2);
        for (auto it = fit->data()->constBegin(); it != fit->data()->constEnd(); ++it)
            QVERIFY(std::abs(it->value - (r.slope * it->key + r.intercept)) < 1e-9);
        // Histograms count every clustered model with a value.
        const std::vector<int> counts = m_panel->histogram()->counts();
        QCOMPARE(counts.size(), size_t(2));
        QCOMPARE(counts[0] + counts[1], int(r.n));
    }

    void trainingDynamicsFollowEveryRun() {
        TrainingDynamicsPlot* plot = m_panel->dynamicsPlot();
        const DynamicsData& data = plot->data();
        QVERIFY2(data.runs.size() == 3, qPrintable(data.emptyText));
        QCOMPARE(plot->runGraphs().size(), size_t(3));
        for (const DynamicsRun& run : data.runs) {
            QCOMPARE(run.steps, (std::vector<double>{100, 200}));
            QVERIFY(run.finalCluster == 0 || run.finalCluster == 1);
            // Score ||e - c0|| - ||e - c1||: members of cluster 0 are nearer c0.
            QCOMPARE(run.scores.back() < 0, run.finalCluster == 0);
        }
        // seed-1 and seed-2 start near the same model; seed-3 near the other.
        QCOMPARE(data.runs[0].finalCluster, data.runs[1].finalCluster);
        QVERIFY(data.runs[2].finalCluster != data.runs[0].finalCluster);
    }

    void sharpnessJobFillsItsScatter() {
        SharpnessOptions quick;
        quick.epsilon = 1e-3;
        quick.steps = 6;
        quick.learningRate = 0.01;
        quick.batchSize = 8;
        quick.accumulate = 1;
        quick.evaluateEvery = 3;
        QVERIFY(m_panel->computeSharpness({}, quick));
        QCOMPARE(waitForJob(JobKind::Sharpness), JobOutcome::Completed);
        const Study& study = m_window->document()->study();
        QCOMPARE(study.sharpness.size(), size_t(6));
        RegressionScatter* scatter = m_panel->sharpnessScatter();
        QCOMPARE(scatter->data().x.size(), size_t(6));
        for (size_t m = 0; m < 6; ++m)
            QVERIFY(scatter->data().x[m] >= 0);
        QVERIFY(scatter->fitText().contains(QStringLiteral("r = ")));
        QVERIFY(scatter->legendTexts().join(QLatin1Char(' ')).contains(QStringLiteral("r = ")));
    }

    void exportsWork() {
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(1500, 900);
        options.dpi = 110;
        const QString png = out.filePath(QStringLiteral("clusters.png"));
        const QString svg = out.filePath(QStringLiteral("clusters.svg"));
        const QString pdf = out.filePath(QStringLiteral("clusters.pdf"));
        const QString csv = out.filePath(QStringLiteral("clusters.csv"));
        QCOMPARE(exportView(*m_panel, png, options), QString());
        QCOMPARE(exportView(*m_panel, svg, options), QString());
        QCOMPARE(exportView(*m_panel, pdf, options), QString());
        QCOMPARE(exportView(*m_panel, csv, options), QString());
        const QImage image(png);
        QCOMPARE(image.size(), options.pixelSize);
        // Not blank: the cluster colours are in the picture.
        int blue = 0;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) {
                const QColor c = image.pixelColor(x, y), want = clusterColor(0);
                blue += std::abs(c.red() - want.red()) + std::abs(c.green() - want.green()) +
                                    std::abs(c.blue() - want.blue()) <
                                12
                            ? 1
                            : 0;
            }
        QVERIFY(blue > 0);
        QVERIFY(QSvgRenderer(svg).isValid());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csvFile.readAll());
        QVERIFY(text.startsWith(QStringLiteral("model,cluster,")));
        QVERIFY(text.contains(QStringLiteral("seed-3/checkpoint-200")));
        // Each view alone, too.
        QCOMPARE(
            exportView(*m_panel->embeddingPlot(), out.filePath(QStringLiteral("e.svg")), options),
            QString());
        QCOMPARE(
            exportView(*m_panel->dynamicsPlot(), out.filePath(QStringLiteral("d.csv")), options),
            QString());
        if (qEnvironmentVariableIsSet("BS_SCREENSHOT_DIR"))
            QCOMPARE(exportView(*m_panel,
                                qEnvironmentVariable("BS_SCREENSHOT_DIR") +
                                    QStringLiteral("/clusters.png"),
                                ExportOptions{QSize(1800, 1000), 120}),
                     QString());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestClusterViews)
#include "test_cluster_views.moc"
