// basinscope-cli study commands as a user runs them: new, eval, curves, metrics, export,
// info, merge; kill -9 and resume; bad input leaves the study untouched.
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "tests/support/fixture_models.h"
#include "tests/support/test_support.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <csignal>

using namespace bs;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList& args, int timeoutMs = 300000) {
    QProcess process;
    process.start(test::toQString(test::cliPath()), args);
    process.waitForFinished(timeoutMs);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Equal element by element, NaN (not computed) matching NaN.
bool sameValues(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

QString dataFile(const char* relative) {
    return test::toQString(test::testDataDir() / relative);
}

} // namespace

class TestCliStudy : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QStringList m_models;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QStringList newArgs(const QString& study, int points) const {
        QStringList args{"new", study, "--models"};
        args << m_models;
        args << "--surface"
             << "mnli=" + dataFile("mnli/dev_matched.tsv") + ":mnli"
             << "--diagnostic"
             << "hans=" + dataFile("hans/heuristics_evaluation_set.txt") + ":hans"
             << "--points" << QString::number(points) << "--model-labels"
             << "entailment,neutral,contradiction";
        return args;
    }

private slots:
    void initTestCase() {
        BS_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        const fs::path dir = m_dir.path().toStdString();
        m_models << test::toQString(test::fixtureModel("bert-seed1"))
                 << test::toQString(test::fixtureModel("bert-seed2"))
                 << test::toQString(test::writeBlendedModel(dir / "blend-a", 0.3, 0.02, 7))
                 << test::toQString(test::writeBlendedModel(dir / "blend-b", 0.7, 0.05, 8));
    }

    void fullWorkflow() {
        const QString study = path("flow.h5");
        Run r = cli(newArgs(study, 6));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("4 models"));
        r = cli({"eval", study, "--threads", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"curves", study, "--pairs", "bert-seed1:bert-seed2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("1 of 1 pairs complete"), qPrintable(r.out));
        r = cli({"curves", study});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("6 of 6 pairs complete"), qPrintable(r.out));
        r = cli({"metrics", study});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"export", study, "--what", "cg", "--csv", path("cg.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile csv(path("cg.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 5); // header + 4 models
        QVERIFY(lines[0].startsWith("model,bert-seed1,bert-seed2,blend-a,blend-b"));
        // The CSV holds the study's convexity gaps.
        const Study s = readStudy(study.toStdString());
        const QStringList row = lines[1].split(',');
        QCOMPARE(row[0], QString("bert-seed1"));
        QCOMPARE(row[2].toDouble(), s.matrices.at("mnli").convexityGap.at(0, 1));
        r = cli({"info", study});
        QVERIFY2(r.exitCode == 0 && r.out.contains("curves 6/6"), qPrintable(r.out + r.err));
    }

    // kill -9 at some moment of `curves`, then `curves` again: the file reads back and the
    // final values equal those of an uninterrupted run.
    void killedRunResumesToTheSameValues() {
        const QString reference = path("reference.h5");
        const QString killed = path("killed.h5");
        QVERIFY(cli(newArgs(reference, 30)).exitCode == 0);
        QVERIFY(cli({"eval", reference}).exitCode == 0);
        QVERIFY(QFile::copy(reference, killed));
        QVERIFY(cli({"curves", reference}).exitCode == 0);

        QProcess process;
        process.start(test::toQString(test::cliPath()), {"curves", killed});
        QVERIFY(process.waitForStarted());
        // Wait for the first pair to be saved (pairs are written into the file while it is
        // read), then kill without warning.
        auto completePairs = [&] {
            const Study s = readStudy(killed.toStdString());
            int complete = 0;
            for (int64_t i = 0; i < 4; ++i)
                for (int64_t j = i + 1; j < 4; ++j)
                    complete += s.curves.at("mnli").hasPair(i, j) ? 1 : 0;
            return complete;
        };
        QElapsedTimer timer;
        timer.start();
        while (completePairs() == 0 && timer.elapsed() < 120000 &&
               process.state() == QProcess::Running)
            QThread::msleep(5);
        QVERIFY2(process.state() == QProcess::Running, "curves finished before it could be killed");
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        process.waitForFinished();
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        const Study partial = readStudy(killed.toStdString()); // readable after kill -9
        int complete = 0;
        for (int64_t i = 0; i < 4; ++i)
            for (int64_t j = i + 1; j < 4; ++j)
                complete += partial.curves.at("mnli").hasPair(i, j) ? 1 : 0;
        QVERIFY2(complete >= 1 && complete < 6, qPrintable(QString::number(complete)));

        const Run resumed = cli({"curves", killed});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        const Study a = readStudy(reference.toStdString());
        const Study b = readStudy(killed.toStdString());
        for (const DatasetEntry& d : a.datasets) {
            QVERIFY(sameValues(b.curves.at(d.name).loss, a.curves.at(d.name).loss));
            QVERIFY(sameValues(b.curves.at(d.name).metric, a.curves.at(d.name).metric));
            QVERIFY(sameValues(b.matrices.at(d.name).convexityGap.values,
                               a.matrices.at(d.name).convexityGap.values));
        }
    }

    void shardsMergeIntoTheStudy() {
        const QString study = path("sharded.h5");
        QVERIFY(cli(newArgs(study, 4)).exitCode == 0);
        for (const char* shard : {"1/2", "2/2"}) {
            const Run r = cli({"curves", study, "--shard", shard});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const Run merged =
            cli({"merge", study, path("sharded.shard-1-of-2.h5"), path("sharded.shard-2-of-2.h5")});
        QVERIFY2(merged.exitCode == 0, qPrintable(merged.err));
        const Study s = readStudy(study.toStdString());
        for (int64_t i = 0; i < 4; ++i)
            for (int64_t j = i + 1; j < 4; ++j)
                QVERIFY(s.curves.at("mnli").hasPair(i, j));
        QVERIFY(std::isfinite(s.matrices.at("mnli").convexityGap.at(0, 3)));
        // Distances as a single process writes them: 0 on the diagonal, every pair filled.
        for (int64_t i = 0; i < 4; ++i) {
            QCOMPARE(s.distance.at(i, i), 0.0);
            for (int64_t j = 0; j < 4; ++j)
                QVERIFY(std::isfinite(s.distance.at(i, j)));
        }
    }

    void badInputLeavesTheStudyUntouched() {
        const QString study = path("untouched.h5");
        QVERIFY(cli(newArgs(study, 4)).exitCode == 0);
        const QByteArray hash = fileHash(study);

        // A study path in a missing folder.
        Run r = cli(newArgs(path("no/such/folder/s.h5"), 4));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not exist"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path("no")));

        // A dataset file with a wrong column count.
        r = cli({"edit", study, "--add-diagnostic",
                 "short=" + dataFile("broken/mnli_short_row.tsv") + ":mnli"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("mnli_short_row.tsv") && r.err.contains("line"), qPrintable(r.err));

        // A model of another architecture.
        r = cli({"edit", study, "--add-models",
                 test::toQString(test::fixturesDir() / "hf" / "distilbert-seed1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("architecture"), qPrintable(r.err));

        // An unknown model name in --pairs.
        r = cli({"curves", study, "--pairs", "bert-seed1:nobody"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nobody") && r.err.contains("blend-a"), qPrintable(r.err));

        QCOMPARE(fileHash(study), hash);
    }

    void secondWriterIsRefused() {
        const QString study = path("locked.h5");
        QVERIFY(cli(newArgs(study, 4)).exitCode == 0);
        const QByteArray hash = fileHash(study);
        StudyLock lock(study.toStdString(), "test holder");
        const Run r = cli({"curves", study});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("being written"), qPrintable(r.err));
        QCOMPARE(fileHash(study), hash);
    }
};

QTEST_GUILESS_MAIN(TestCliStudy)
#include "test_cli_study.moc"
