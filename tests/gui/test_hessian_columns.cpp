// The Models table's Compute Hessian: the core Hessian job runs in the background on two zoo
// models and each model's top eigenvalue and trace arrive as table columns, equal to the core
// function's own result for that model and stored in the study file; the Hessian tab plots
// them against another column and draws a model's eigenvalue density.
#include <functional>

#include "app/gui/hessian_panel.h"
#include "app/gui/hessian_runner.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_session.h"
#include "core/landscape/model_cache.h"
#include "core/landscape/parameter_space.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/study_window.h"
#include "tests/support/test_support.h"
#include "widgets/cluster_views.h"
#include "widgets/eigen_density_plot.h"
#include "widgets/view_exporter.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

class TestHessianColumns : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_study;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    HessianOptions m_options;

private slots:
    void initTestCase() {
        const fs::path zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        QVERIFY2(fs::exists(zoo / "natural-seed-1"), "the committed zoo is missing");
        NewStudyOptions options;
        options.models = {(zoo / "natural-seed-1").string(), (zoo / "balanced-seed-2").string()};
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=24,sampling=random,seed=3",
                                  DatasetRole::Surface));
        m_study = m_dir.filePath(QStringLiteral("hessian.h5"));
        {
            const Study study = buildStudy(options);
            StudyLock lock(m_study.toStdString(), "test");
            writeStudy(study, m_study.toStdString());
        }
        QVERIFY(test::openStudyWindow(m_backend, m_settings, m_window,
                                      m_dir.filePath(QStringLiteral("settings.ini")), m_study));
        // Fewer products than the defaults, to stay quick; the same options below.
        m_options.topK = 2;
        m_options.lanczosSteps = 12;
        m_options.traceSamples = 8;
        m_options.seed = 5;
    }

    void actionIsOnTheModelsTable() {
        HessianRunner* runner = m_window->findChild<HessianRunner*>();
        QVERIFY(runner);
        QVERIFY(m_window->modelsPanel()->view()->actions().contains(runner->action()));
        QVERIFY(
            !m_window->modelsPanel()->tableModel()->table().column(QStringLiteral("hessian:top")));
    }

    void resultsArriveAsColumnsEqualToTheCoreFunction() {
        HessianRunner* runner = m_window->findChild<HessianRunner*>();
        const std::string before = test::readFile(m_study.toStdString());
        QSignalSpy done(runner, &HessianRunner::finished);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runner->compute({}, m_options)); // every model
        QVERIFY(done.wait(120000));
        qInfo("Hessian of 2 zoo models (top %lld, %lld Lanczos steps, %lld trace samples) in "
              "the GUI: %.2f s",
              static_cast<long long>(m_options.topK),
              static_cast<long long>(m_options.lanczosSteps),
              static_cast<long long>(m_options.traceSamples), timer.elapsed() / 1000.0);
        QCOMPARE(done.front().at(0).value<JobOutcome>(), JobOutcome::Completed);

        const ModelTable& table = m_window->modelsPanel()->tableModel()->table();
        const ModelColumn* top = table.column(QStringLiteral("hessian:top"));
        const ModelColumn* trace = table.column(QStringLiteral("hessian:trace"));
        QVERIFY(top && trace);

        // The reference: the core function on the study as the file holds it, in this thread.
        const Study study = readStudy(m_study.toStdString());
        StudySession session(study, {});
        for (size_t m = 0; m < study.models.size(); ++m) {
            const HessianOperator op(session.space(), session.cache().get(int64_t(m)),
                                     session.evaluator(0), "", m_options.batchSize);
            const HessianValue want = hessianSpectrum(op, m_options, {});
            qInfo("%s: λmax %.6g (table %.6g), trace %.6g ± %.2g (table %.6g)",
                  study.models[m].name.c_str(), want.eigenvalues[0], top->numbers[m], want.trace,
                  want.traceStandardError, trace->numbers[m]);
            // Deterministic for a seed: the same numbers, in the row of the same model.
            QCOMPARE(top->numbers[m], want.eigenvalues[0]);
            QCOMPARE(trace->numbers[m], want.trace);
            // At a trained minimum the largest curvature is positive.
            QVERIFY(want.eigenvalues[0] > 0);
        }
        // The two models differ, so rows were not mixed up silently.
        QVERIFY(top->numbers[0] != top->numbers[1]);
        // Shown, exported, and stored in the study file: the same values for the same models.
        QVERIFY(m_window->modelsPanel()->toCsv().contains(QStringLiteral("hessian:trace")));
        QVERIFY(test::readFile(m_study.toStdString()) != before);
        QCOMPARE(study.hessians.size(), study.models.size());
        for (const HessianResult& r : study.hessians) {
            const int64_t m = study.modelIndex(r.model);
            QVERIFY(m >= 0 && r.find("") && r.dataset == "dev");
            QCOMPARE(r.find("")->value.eigenvalues.front(), top->numbers[size_t(m)]);
            QCOMPARE(r.find("")->value.trace, trace->numbers[size_t(m)]);
        }
    }

    void scatterPointsAreTheColumns() {
        // The Hessian tab plots the table's Hessian columns against any other column: after
        // an evaluation (a real job) the surface accuracy, point by point the table's values.
        auto* panel = m_window->findChild<HessianPanel*>();
        QVERIFY(panel);
        QSignalSpy done(m_window.get(), &MainWindow::jobDone);
        m_window->evaluateModels();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(1).value<JobOutcome>(), JobOutcome::Completed);
        const ModelTable& table = m_window->modelsPanel()->tableModel()->table();
        const ModelColumn* names = table.column(QStringLiteral("name"));
        const ModelColumn* y = table.column(QStringLiteral("metric:dev"));
        QVERIFY(names && y);
        for (const QString& xId :
             {QStringLiteral("hessian:top"), QStringLiteral("hessian:trace")}) {
            panel->setColumns(xId, QStringLiteral("metric:dev"));
            QCOMPARE(panel->xColumn(), xId);
            QCOMPARE(panel->yColumn(), QStringLiteral("metric:dev"));
            const ModelColumn* x = table.column(xId);
            QVERIFY(x);
            const ScatterData& data = panel->scatter()->data();
            QCOMPARE(data.x.size(), table.rows());
            for (size_t k = 0; k < data.x.size(); ++k) {
                size_t row = 0;
                while (row < table.rows() && names->text(row) != data.names[k])
                    ++row;
                QVERIFY(row < table.rows());
                QCOMPARE(data.x[k], x->numbers[row]);
                QCOMPARE(data.y[k], y->numbers[row]);
            }
            QCOMPARE(data.xLabel, x->title);
            QVERIFY(panel->scatter()->message().isEmpty());
        }
        // Exported like every view: the CSV holds the points.
        QTemporaryDir out;
        ExportOptions options;
        options.pixelSize = QSize(800, 600);
        const QString png = out.filePath(QStringLiteral("hessian.png"));
        QCOMPARE(exportView(*panel, png, options), QString());
        QCOMPARE(QImage(png).size(), options.pixelSize);
        QVERIFY(panel->toCsv().count(QLatin1Char('\n')) >= int(table.rows()));
    }

    void densityOfTheSelectedModelIsDrawn() {
        // Compute Hessian with Density for the second model: the Hessian tab draws, for the
        // selected model, the density the core function computes for it.
        HessianRunner* runner = m_window->findChild<HessianRunner*>();
        QVERIFY(m_window->modelsPanel()->view()->actions().contains(runner->densityAction()));
        HessianOptions options = m_options;
        options.densityRuns = 2;
        options.densitySteps = 10;
        options.densityGrid = 80;
        const std::string name = m_window->document()->study().models[1].name;
        QSignalSpy done(runner, &HessianRunner::finished);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runner->compute({name}, options));
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).value<JobOutcome>(), JobOutcome::Completed);
        qInfo("Hessian with a density (2 runs of 10 steps) of one model in the GUI: %.2f s",
              timer.elapsed() / 1000.0);
        m_window->modelsPanel()->selectModels({1});

        const Study study = readStudy(m_study.toStdString());
        StudySession session(study, {});
        const HessianOperator op(session.space(), session.cache().get(1), session.evaluator(0), "",
                                 options.batchSize);
        const HessianValue want = hessianSpectrum(op, options, {});
        QCOMPARE(want.density.nodes.size(), size_t(2));
        auto* panel = m_window->findChild<HessianPanel*>();
        const EigenDensityData& drawn = panel->densityPlot()->data();
        QCOMPARE(drawn.grid, want.density.grid);
        QCOMPARE(drawn.density, want.density.density);
        QCOMPARE(drawn.eigenvalues, want.eigenvalues);
        QVERIFY2(drawn.title.contains(QString::fromStdString(name)), qPrintable(drawn.title));
        QVERIFY(panel->densityPlot()->densityGraph());
        QVERIFY(panel->densityPlot()->message().isEmpty());
        // The other model has none: the plot says so instead of showing this one's.
        m_window->modelsPanel()->selectModels({0});
        QVERIFY(panel->densityPlot()->data().grid.empty());
        QVERIFY(!panel->densityPlot()->message().isEmpty());
        if (!qEnvironmentVariableIsEmpty("BS_SCREENSHOT_DIR")) {
            m_window->modelsPanel()->selectModels({1});
            ExportOptions image;
            image.pixelSize = QSize(1100, 420);
            exportView(*panel,
                       QDir(qEnvironmentVariable("BS_SCREENSHOT_DIR"))
                           .filePath(QStringLiteral("hessian.png")),
                       image);
        }
    }

    void columnsTheStudyKeepsComeBackAfterReopening() {
        // A result the study file keeps (as `basinscope-cli hessian` stores it), computed here
        // for the first model: reopened, the table shows it, and nothing for the other model.
        HessianValue want;
        {
            StudyLock lock(m_study.toStdString(), "test");
            Study study = readStudy(m_study.toStdString());
            {
                StudySession session(study, {});
                const HessianOperator op(session.space(), session.cache().get(0),
                                         session.evaluator(0), "", m_options.batchSize);
                want = hessianSpectrum(op, m_options, {});
            }
            study.hessians.clear(); // only the first model's
            recordHessian(study.hessians, study.models[0].name, "dev", m_options, {"", want});
            writeStudy(study, m_study.toStdString());
        }
        m_window->closeStudy();
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(m_study);
        QVERIFY(opened.wait(10000));
        QVERIFY(m_window->modelsPanel()->hessian().empty()); // this session's are forgotten
        const ModelTable& table = m_window->modelsPanel()->tableModel()->table();
        const ModelColumn* top = table.column(QStringLiteral("hessian:top"));
        const ModelColumn* trace = table.column(QStringLiteral("hessian:trace"));
        QVERIFY(top && trace);
        QCOMPARE(top->numbers[0], want.eigenvalues[0]);
        QCOMPARE(trace->numbers[0], want.trace);
        QVERIFY(std::isnan(top->numbers[1]));
        QVERIFY2(top->toolTip.contains(QStringLiteral("stored in the study file")),
                 qPrintable(top->toolTip));
        // The Hessian tab draws what the table holds: one model with a value.
        auto* panel = m_window->findChild<HessianPanel*>();
        panel->setColumns(QStringLiteral("hessian:top"), QStringLiteral("metric:dev"));
        QCOMPARE(panel->scatter()->data().x, std::vector<double>{want.eigenvalues[0]});
    }

    // The docs' picture: with BS_HESSIAN_FIGURES_DIR and BS_DEMO_STUDY (a copy of the demo
    // study) set, the Hessian of the demo's final models, with the density for natural-seed-1,
    // and the Hessian tab (trace against no-cue accuracy) exported as hessian.png there.
    void docsFigure() {
        const QString out = qEnvironmentVariable("BS_HESSIAN_FIGURES_DIR");
        const QString demo = qEnvironmentVariable("BS_DEMO_STUDY");
        if (out.isEmpty() || demo.isEmpty())
            QSKIP("set BS_HESSIAN_FIGURES_DIR and BS_DEMO_STUDY to write the docs' figure");
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(demo);
        QVERIFY(opened.wait(20000));
        const Study& study = m_window->document()->study();
        std::vector<std::string> finals;
        for (const ModelEntry& m : study.models)
            if (m.name.find('/') == std::string::npos)
                finals.push_back(m.name);
        HessianRunner* runner = m_window->findChild<HessianRunner*>();
        QSignalSpy done(runner, &HessianRunner::finished);
        QElapsedTimer timer;
        timer.start();
        // Fewer products than the CLI's defaults (top 1, 10 Lanczos steps, 8 trace samples;
        // the density's 3 runs of 30 steps), so that it runs in minutes on a shared machine.
        HessianOptions light;
        light.topK = 1;
        light.lanczosSteps = 10;
        light.traceSamples = 8;
        QVERIFY(runner->compute(finals, light));
        QVERIFY(done.wait(900000));
        qInfo("demo: Hessian (top 1, 10 Lanczos steps, 8 trace samples) of %zu models in %.1f s",
              finals.size(), timer.elapsed() / 1000.0);
        timer.restart();
        HessianOptions density = HessianRunner::densityOptions();
        density.topK = light.topK;
        density.lanczosSteps = light.lanczosSteps;
        density.traceSamples = light.traceSamples;
        QVERIFY(runner->compute({"natural-seed-1"}, density));
        QVERIFY(done.wait(900000));
        qInfo("demo: Hessian with density (3 runs) of natural-seed-1 in %.1f s",
              timer.elapsed() / 1000.0);
        m_window->modelsPanel()->selectModels({study.modelIndex("natural-seed-1")});
        auto* panel = m_window->findChild<HessianPanel*>();
        panel->setColumns(QStringLiteral("hessian:trace"), QStringLiteral("metric:no-cue"));
        ExportOptions options;
        options.pixelSize = QSize(1250, 470);
        options.dpi = 110;
        QCOMPARE(exportView(*panel, out + QStringLiteral("/hessian.png"), options), QString());
        qInfo("%s", qPrintable(panel->toCsv()));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestHessianColumns)
#include "test_hessian_columns.moc"
