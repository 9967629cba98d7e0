// Train Curve… in the pair view: the core curve job runs in the background on a zoo pair with
// a linear barrier, and the interpolation view draws the trained curve beside the straight
// line with values equal to the core function's own result, reports both barriers, exports
// them, and stays usable when a training is cancelled.
// Before the core headers: study_session.h names std::function without including it (the
// precompiled header, which this target does not use, hides that elsewhere).
#include <functional>

#include "app/gui/connectivity_panel.h"
#include "app/gui/curve_dialog.h"
#include "app/gui/curve_runner.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "core/jobs/curve_job.h"
#include "core/jobs/study_builder.h"
#include "core/jobs/study_jobs.h"
#include "core/jobs/study_session.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/gui/study_window.h"
#include "tests/support/test_support.h"
#include "widgets/view_exporter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

using namespace bs;
using namespace bs::ui;
namespace fs = std::filesystem;

namespace {

const CurveSeries* seriesNamed(const InterpolationData& data, const QString& label) {
    for (const CurveSeries& s : data.series)
        if (s.label == label)
            return &s;
    return nullptr;
}

} // namespace

class TestTrainedCurves : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_study;
    fs::path m_zoo;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    CurveRunner* m_runner = nullptr;

    // Few steps and a small training sample, to stay quick; the same choice below.
    CurveChoice shortChoice(const QString& kind, int64_t steps) const {
        CurveChoice c = CurveChoice::defaults();
        c.first = QStringLiteral("natural-seed-1");
        c.second = QStringLiteral("balanced-seed-2");
        c.kind = kind;
        c.trainSpec = QString::fromStdString((m_zoo / "data" / "train_natural.tsv").string() +
                                             ":cola:samples=256,sampling=random,seed=1");
        c.steps = steps;
        c.learningRate = 5e-3;
        c.seed = 7;
        return c;
    }

    CurveRequest requestOf(const CurveChoice& c) const {
        CurveRequest r;
        r.first = c.first.toStdString();
        r.second = c.second.toStdString();
        r.trainSpec = c.trainSpec.toStdString();
        r.training.kind = parseCurveKind(c.kind.toStdString());
        r.training.optimizer = parseCurveOptimizer(c.optimizer.toStdString());
        r.training.steps = c.steps;
        r.training.learningRate = c.learningRate;
        r.training.batchSize = c.batchSize;
        r.training.seed = c.seed;
        return r;
    }

    JobOutcome train(const CurveChoice& choice, double* seconds = nullptr) {
        QSignalSpy done(m_runner, &CurveRunner::finished);
        QElapsedTimer timer;
        timer.start();
        if (!m_runner->train(choice))
            return JobOutcome::Failed;
        if (!done.wait(300000))
            return JobOutcome::Failed;
        if (seconds)
            *seconds = double(timer.elapsed()) / 1000.0;
        return done.front().at(0).value<JobOutcome>();
    }

private slots:
    void initTestCase() {
        m_zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-cue";
        QVERIFY2(fs::exists(m_zoo / "natural-seed-1"), "the committed zoo is missing");
        NewStudyOptions options;
        options.models = {(m_zoo / "natural-seed-1").string(),
                          (m_zoo / "balanced-seed-2").string()};
        options.points = 7;
        options.datasets.push_back(
            parseNamedDatasetSpec("dev=" + (m_zoo / "data" / "dev.tsv").string() +
                                      ":cola:samples=48,sampling=random,seed=3",
                                  DatasetRole::Surface));
        options.datasets.push_back(parseNamedDatasetSpec(
            "cue-conflicts=" + (m_zoo / "data" / "cue_conflicts.tsv").string() +
                ":cola:samples=48,sampling=random,seed=3",
            DatasetRole::Diagnostic));
        m_study = m_dir.filePath(QStringLiteral("curves.h5"));
        {
            // The straight line of the pair, as `basinscope-cli curves` computes it.
            Study study = buildStudy(options);
            StudyLock lock(m_study.toStdString(), "test");
            StudySession session(study, ComputeOptions{});
            JobHooks hooks;
            evaluateModels(study, session, {}, false, hooks);
            computeCurves(study, session, {{0, 1}}, hooks);
            writeStudy(study, m_study.toStdString());
        }
        QVERIFY(test::openStudyWindow(m_backend, m_settings, m_window,
                                      m_dir.filePath(QStringLiteral("settings.ini")), m_study));
        m_runner = m_window->findChild<CurveRunner*>();
        QVERIFY(m_runner);
    }

    void mapMenuOpensTheDialogWithTheCliDefaults() {
        // The map's context menu entry asks for the pair's curve: the dialog opens on that
        // pair with the CLI's defaults; cancelling it starts nothing.
        CurveChoice seen;
        QString refused;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<CurveDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            seen = dialog->choice();
            CurveChoice broken = seen;
            broken.trainSpec = m_dir.filePath(QStringLiteral("missing.tsv")) + ":cola";
            dialog->setChoice(broken);
            dialog->accept(); // refused: the file does not exist
            refused = dialog->error();
            dialog->reject();
        });
        emit m_window->connectivityPanel()->curveRequested(1, 0);
        QCOMPARE(seen.first, QStringLiteral("balanced-seed-2"));
        QCOMPARE(seen.second, QStringLiteral("natural-seed-1"));
        const CurveTrainingOptions cli;
        QCOMPARE(seen.kind, QStringLiteral("bezier"));
        QCOMPARE(seen.steps, cli.steps);
        QCOMPARE(seen.learningRate, cli.learningRate);
        QCOMPARE(seen.batchSize, cli.batchSize);
        QCOMPARE(seen.seed, cli.seed);
        QCOMPARE(seen.optimizer, QStringLiteral("adam"));
        QVERIFY2(refused.contains(QStringLiteral("missing.tsv")), qPrintable(refused));
        QVERIFY(!m_runner->running());
        QVERIFY(!m_window->jobs()->busy());
    }

    void trainedCurveIsDrawnWithTheJobsValuesAndBarrier() {
        InterpolationPanel* panel = m_window->interpolationPanel();
        panel->showPairs({{0, 1}});
        QVERIFY(panel->trainCurveButton()->isEnabled());
        QVERIFY(panel->shownCurves().empty());
        QVERIFY(panel->plot()->data().subtitle.isEmpty());
        const std::string before = test::readFile(m_study.toStdString());

        const CurveChoice choice = shortChoice(QStringLiteral("bezier"), 60);
        double seconds = 0;
        QCOMPARE(train(choice, &seconds), JobOutcome::Completed);
        qInfo("Bezier curve, 60 Adam steps of batch 32, evaluated at 7 points on 2 x 48 "
              "examples, in the GUI: %.1f s",
              seconds);
        QCOMPARE(m_runner->curves().size(), size_t(1));
        QCOMPARE(panel->shownCurves().size(), size_t(1));

        // The reference: the core function on the study as the file holds it, in this thread.
        const Study study = readStudy(m_study.toStdString());
        StudySession session(study, {});
        const CurveResult want = computeCurve(study, session, requestOf(choice), {});
        const InterpolationData& data = panel->plot()->data();
        QCOMPARE(want.datasets.size(), size_t(2));
        for (const CurveComparison& c : want.datasets) {
            const CurveSeries* curve =
                seriesNamed(data, QStringLiteral("%1 · Bezier curve").arg(c.dataset.c_str()));
            QVERIFY2(curve, c.dataset.c_str());
            QCOMPARE(curve->alpha, want.t);
            QCOMPARE(curve->loss, c.curveLoss);
            QCOMPARE(curve->metric, c.curveMetric);
            // The line drawn is the study's; the job evaluates the same points again.
            const CurveSeries* line = seriesNamed(data, QString::fromStdString(c.dataset));
            QVERIFY(line);
            for (size_t k = 0; k < c.lineLoss.size(); ++k)
                QVERIFY(std::abs(line->loss[k] - c.lineLoss[k]) <= 1e-6 * (1 + c.lineLoss[k]));
            qInfo("%s: line max %.4f (barrier %.4f), Bezier max %.4f (barrier %.4f)",
                  c.dataset.c_str(), *std::max_element(c.lineLoss.begin(), c.lineLoss.end()),
                  c.line.barrierHeight, *std::max_element(c.curveLoss.begin(), c.curveLoss.end()),
                  c.curve.barrierHeight);
        }
        // Both barriers of every dataset in the subtitle, as the numbers computed.
        const QString subtitle = data.subtitle;
        for (const CurveComparison& c : want.datasets)
            QVERIFY2(subtitle.contains(QStringLiteral("%1 %2 / %3")
                                           .arg(QString::fromStdString(c.dataset))
                                           .arg(c.line.barrierHeight, 0, 'g', 4)
                                           .arg(c.curve.barrierHeight, 0, 'g', 4)),
                     qPrintable(subtitle));
        // In-domain training walks around the barrier of the surface dataset.
        QVERIFY(want.datasets[0].line.barrierHeight > 0.1);
        QVERIFY(want.datasets[0].curve.barrierHeight < want.datasets[0].line.barrierHeight);
        // Stored in the study file, as drawn.
        QVERIFY(test::readFile(m_study.toStdString()) != before);
        QCOMPARE(study.trainedCurves.size(), size_t(1));
        const TrainedCurve& kept = study.trainedCurves.front();
        QCOMPARE(kept.first, std::string("natural-seed-1"));
        QCOMPARE(kept.training, requestOf(choice).training);
        for (size_t d = 0; d < kept.datasets.size(); ++d)
            QCOMPARE(kept.datasets[d].curveLoss, want.datasets[d].curveLoss);
    }

    void reversedPairShowsTheCurveWalkedBack() {
        InterpolationPanel* panel = m_window->interpolationPanel();
        const TrainedCurveView forward = panel->shownCurves().front();
        panel->showPairs({{1, 0}});
        QCOMPARE(panel->shownCurves().size(), size_t(1));
        const TrainedCurveView& back = panel->shownCurves().front();
        QCOMPARE(back.first, forward.second);
        const std::vector<double>& there = forward.datasets[0].curveLoss;
        std::vector<double> reversed(there.rbegin(), there.rend());
        QCOMPARE(back.datasets[0].curveLoss, reversed);
        const CurveSeries* curve =
            seriesNamed(panel->plot()->data(), QStringLiteral("dev · Bezier curve"));
        QVERIFY(curve);
        QCOMPARE(curve->loss, reversed);
        // Several pairs at once: the curves wait until one pair is shown again.
        panel->showPairs({{0, 1}, {1, 0}});
        QVERIFY(panel->shownCurves().empty());
        QVERIFY(!panel->trainCurveButton()->isEnabled());
        panel->showPairs({{0, 1}});
        QCOMPARE(panel->shownCurves().size(), size_t(1));
    }

    void exportHoldsTheCurve() {
        ExportOptions options;
        options.pixelSize = QSize(1000, 620);
        options.dpi = 96;
        for (const char* suffix : {".png", ".svg", ".pdf", ".csv"}) {
            const QString path = m_dir.filePath(QStringLiteral("pair") + QLatin1String(suffix));
            QCOMPARE(m_window->exportPanel(1, path, options), QString());
            QVERIFY2(QFileInfo(path).size() > 500, suffix);
        }
        QCOMPARE(QImage(m_dir.filePath(QStringLiteral("pair.png"))).size(), options.pixelSize);
        QFile svg(m_dir.filePath(QStringLiteral("pair.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("Bezier curve"));
        QVERIFY(svgText.contains("Barrier height"));
        // The CSV has a row per point of the curve, with the values drawn.
        QFile csv(m_dir.filePath(QStringLiteral("pair.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString text = QString::fromUtf8(csv.readAll());
        const TrainedCurveView& curve = m_window->interpolationPanel()->shownCurves().front();
        int rows = 0;
        for (const QString& line : text.split(QLatin1Char('\n')))
            if (line.startsWith(QStringLiteral("dev · Bezier curve,"))) {
                const QStringList fields = line.split(QLatin1Char(','));
                QCOMPARE(fields[2].toDouble(), curve.datasets[0].curveLoss[size_t(rows)]);
                ++rows;
            }
        QCOMPARE(size_t(rows), curve.t.size());
        if (!qEnvironmentVariableIsEmpty("BS_SCREENSHOT_DIR"))
            QImage(m_dir.filePath(QStringLiteral("pair.png")))
                .save(QDir(qEnvironmentVariable("BS_SCREENSHOT_DIR"))
                          .filePath(QStringLiteral("trained-curve.png")));
    }

    void cancelKeepsTheCurvesAndTheGuiUsable() {
        InterpolationPanel* panel = m_window->interpolationPanel();
        // A long training, cancelled once it reports progress.
        QSignalSpy progress(m_window->jobs(), &JobController::progress);
        QSignalSpy done(m_runner, &CurveRunner::finished);
        QVERIFY(m_runner->train(shortChoice(QStringLiteral("polychain"), 1000000)));
        QVERIFY(!m_runner->train(shortChoice(QStringLiteral("polychain"), 5))); // one at a time
        QVERIFY(progress.wait(60000));
        QElapsedTimer timer;
        timer.start();
        m_window->cancelJob();
        QVERIFY(done.wait(60000));
        qInfo("cancel took effect after %.2f s", double(timer.elapsed()) / 1000.0);
        QCOMPARE(done.front().at(0).value<JobOutcome>(), JobOutcome::Cancelled);
        QVERIFY(m_window->errorBox() == nullptr);
        // Nothing new, the earlier curve still drawn.
        QCOMPARE(m_runner->curves().size(), size_t(1));
        QCOMPARE(panel->shownCurves().size(), size_t(1));
        QVERIFY(!m_window->jobs()->busy());
        // The next training runs, and both kinds are drawn with their barriers.
        QCOMPARE(train(shortChoice(QStringLiteral("polychain"), 20)), JobOutcome::Completed);
        QCOMPARE(panel->shownCurves().size(), size_t(2));
        QVERIFY(seriesNamed(panel->plot()->data(), QStringLiteral("dev · polychain")));
        QVERIFY(panel->plot()->data().subtitle.contains(
            QStringLiteral("line / Bezier curve / polychain")));
    }

    void curvesTheStudyKeepsAreDrawnAfterReopening() {
        // A curve the study file keeps (as `basinscope-cli curve` stores it): the job's real
        // result, written into the file; reopened, the pair view draws exactly it.
        const CurveChoice choice = shortChoice(QStringLiteral("polychain"), 30);
        const CurveRequest request = requestOf(choice);
        {
            StudyLock lock(m_study.toStdString(), "test");
            Study study = readStudy(m_study.toStdString());
            CurveResult result;
            {
                StudySession session(study, {});
                result = computeCurve(study, session, request, {});
            }
            TrainedCurve stored;
            stored.id = "curve-0";
            stored.first = request.first;
            stored.second = request.second;
            stored.trainSpec = request.trainSpec;
            stored.training = request.training;
            stored.trainingExamples = result.trainingExamples;
            stored.trainingLosses = result.training.batchLosses;
            stored.t = result.t;
            stored.datasets = result.datasets;
            study.trainedCurves.clear(); // only this one: what the GUI trained goes
            study.trainedCurves.push_back(stored);
            writeStudy(study, m_study.toStdString());
        }
        // Closing forgets this session's curves; the file's come back with it.
        m_window->closeStudy();
        QVERIFY(m_window->interpolationPanel()->shownCurves().empty());
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(m_study);
        QVERIFY(opened.wait(10000));
        QVERIFY(m_runner->curves().empty());
        InterpolationPanel* panel = m_window->interpolationPanel();
        panel->showPairs({{1, 0}});
        QCOMPARE(panel->shownCurves().size(), size_t(1));
        const Study& study = m_window->document()->study();
        QCOMPARE(study.trainedCurves.size(), size_t(1));
        const TrainedCurve& want = study.trainedCurves.front();
        const TrainedCurveView& drawn = panel->shownCurves().front();
        QCOMPARE(drawn.kind, std::string("polychain"));
        QCOMPARE(drawn.first, std::string("balanced-seed-2")); // walked back, as shown
        const CurveSeries* curve =
            seriesNamed(panel->plot()->data(), QStringLiteral("dev · polychain"));
        QVERIFY(curve);
        std::vector<double> back(want.datasets[0].curveLoss.rbegin(),
                                 want.datasets[0].curveLoss.rend());
        QCOMPARE(curve->loss, back);
        const QString subtitle = panel->plot()->data().subtitle;
        QVERIFY2(subtitle.contains(QStringLiteral("dev %1 / %2")
                                       .arg(want.datasets[0].line.barrierHeight, 0, 'g', 4)
                                       .arg(want.datasets[0].curve.barrierHeight, 0, 'g', 4)),
                 qPrintable(subtitle));
        QVERIFY2(subtitle.contains(QStringLiteral("30 adam steps")), qPrintable(subtitle));
    }

    // The docs' picture: with BS_CURVE_FIGURES_DIR and BS_DEMO_STUDY (a copy of the demo
    // study) set, a Bezier curve natural-seed-1 -> balanced-seed-2 trained as docs/cli.md's
    // example (200 Adam steps at lr 1e-3 on train_natural.tsv) and exported through File >
    // Export as trained-curve.png there.
    void docsFigure() {
        const QString out = qEnvironmentVariable("BS_CURVE_FIGURES_DIR");
        const QString demo = qEnvironmentVariable("BS_DEMO_STUDY");
        if (out.isEmpty() || demo.isEmpty())
            QSKIP("set BS_CURVE_FIGURES_DIR and BS_DEMO_STUDY to write the docs' figure");
        QSignalSpy opened(m_window.get(), &MainWindow::studyOpened);
        m_window->openStudy(demo);
        QVERIFY(opened.wait(20000));
        const Study& study = m_window->document()->study();
        const int64_t a = study.modelIndex("natural-seed-1");
        const int64_t b = study.modelIndex("balanced-seed-2");
        QVERIFY(a >= 0 && b >= 0);
        m_window->interpolationPanel()->showPairs({{a, b}});
        CurveChoice choice = m_runner->initialChoice(a, b);
        choice.trainSpec =
            QString::fromStdString((m_zoo / "data" / "train_natural.tsv").string() + ":cola");
        choice.steps = 200;
        double seconds = 0;
        QCOMPARE(train(choice, &seconds), JobOutcome::Completed);
        qInfo("demo: Bezier curve natural-seed-1 -> balanced-seed-2, 200 steps, in %.1f s; %s",
              seconds, qPrintable(m_window->interpolationPanel()->plot()->data().subtitle));
        ExportOptions options;
        options.pixelSize = QSize(1000, 620);
        options.dpi = 110;
        QCOMPARE(m_window->exportPanel(1, out + QStringLiteral("/trained-curve.png"), options),
                 QString());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestTrainedCurves)
#include "test_trained_curves.moc"
