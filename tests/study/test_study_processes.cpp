// Study files across processes: one writer at a time, and kill -9 never leaves a torn file.
// The test executable re-invokes itself as the child (--hold-lock, --save-loop).
#include "core/common/error.h"
#include "core/landscape/pair_schedule.h"
#include "core/study/derived_matrices.h"
#include "core/study/study_lock.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// Version v of a study that a child saves over and over; v is recoverable from the file.
Study versionStudy(int64_t v) {
    Study s = test::denseStudy(30, 10, 2);
    s.models[0].step = v;
    for (auto& [name, curves] : s.curves)
        for (int64_t i = 0; i < curves.models; ++i)
            for (int64_t j = i + 1; j < curves.models; ++j) {
                std::vector<double> loss;
                for (int64_t k = 0; k < curves.points; ++k)
                    loss.push_back(static_cast<double>(v) +
                                   static_cast<double>(curves.index(i, j, k) % 97) / 97.0);
                curves.setPair(i, j, loss, curves.metricCurve(i, j));
            }
    for (auto& [name, evals] : s.evaluations)
        evals[static_cast<size_t>(v % 30)].loss = kNaN; // a cell that moves between versions
    return s;
}

// Child: holds the lock until its stdin closes or it is killed.
int holdLockChild(const char* file) {
    try {
        StudyLock lock(file, "lock holder test");
        std::cout << "locked" << std::endl;
        std::string line;
        std::getline(std::cin, line);
        return 0;
    } catch (const Error& e) {
        std::cout << "refused: " << e.what() << std::endl;
        return 2;
    }
}

// Child: takes the lock, then saves versions first, first + 1, ... until killed, reporting
// each finished save on stdout.
int saveLoopChild(const char* file, int64_t first) {
    StudyLock lock(file, "save loop test");
    for (int64_t v = first;; ++v) {
        writeStudy(versionStudy(v), file);
        std::cout << v << std::endl;
    }
}

// The study a pair loop starts from: 40 models, 10 points, 2 datasets, nothing computed but
// the evaluations.
Study emptyPairStudy() {
    Study s = test::denseStudy(40, 10, 2);
    const auto n = static_cast<int64_t>(s.models.size());
    for (auto& [name, curves] : s.curves)
        curves = CurveSet::empty(n, s.points);
    s.distance = Matrix::filled(n, n);
    updateAllMatrices(s);
    return s;
}

// The values a pair loop computes for pair (i, j) of dataset d: any run, interrupted or not,
// must store exactly these.
std::vector<double> pairLoss(size_t d, int64_t i, int64_t j, int64_t points) {
    std::vector<double> loss;
    for (int64_t k = 0; k < points; ++k)
        loss.push_back(0.1 * static_cast<double>(d + 1) +
                       std::sin(static_cast<double>(i * 31 + j * 7 + k)) * 0.01 +
                       (k == points / 2 ? 0.05 * static_cast<double>((i + j) % 3) : 0.0));
    return loss;
}

std::vector<double> pairMetric(size_t d, int64_t i, int64_t j, int64_t points) {
    std::vector<double> metric = pairLoss(d, i, j, points);
    for (double& m : metric)
        m = 1.0 - m;
    return metric;
}

void computePair(Study& s, int64_t i, int64_t j) {
    for (size_t d = 0; d < s.datasets.size(); ++d)
        s.curves[s.datasets[d].name].setPair(i, j, pairLoss(d, i, j, s.points),
                                             pairMetric(d, i, j, s.points));
    updatePairMatrices(s, i, j);
    s.distance.at(i, j) = s.distance.at(j, i) = 1.0 + static_cast<double>(i * 100 + j);
}

bool pairComplete(const Study& s, int64_t i, int64_t j) {
    for (const DatasetEntry& d : s.datasets)
        if (!s.curves.at(d.name).hasPair(i, j))
            return false;
    return true;
}

// Child: the computation's way of saving: resumes at the first missing pair, writes each
// finished pair in place, reports the pairs complete so far, until all are done or killed.
int pairLoopChild(const char* file) {
    StudyLock lock(file, "pair loop test");
    Study s = readStudy(file);
    StudyWriter writer(file);
    int64_t done = 0;
    for (const auto& [i, j] : allPairs(static_cast<int64_t>(s.models.size()))) {
        if (!pairComplete(s, i, j)) {
            computePair(s, i, j);
            writer.save(s, StudyChange::pair(i, j));
        }
        std::cout << ++done << std::endl;
    }
    std::cout << "finished" << std::endl;
    return 0;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string lockError(const fs::path& file) {
    try {
        StudyLock lock(file, "second writer");
    } catch (const Error& e) {
        return e.what();
    }
    return "(lock taken)";
}

} // namespace

class TestStudyProcesses : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    fs::path path(const std::string& name) const {
        return fs::path(m_dir.path().toStdString()) / name;
    }
    static QString self() { return QCoreApplication::applicationFilePath(); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void secondLockInTheSameProcessIsRefused() {
        const fs::path file = path("same.h5");
        QVERIFY(!StudyLock::holder(file).has_value());
        QVERIFY(!fs::exists(file.string() + ".lock")); // asking creates nothing
        {
            StudyLock first(file, "basinscope-cli curves");
            QCOMPARE(StudyLock::holder(file).value_or("none"),
                     "process " + std::to_string(QCoreApplication::applicationPid()) +
                         " (basinscope-cli curves)");
            QVERIFY(first.held());
            QVERIFY(fs::exists(first.lockFile()));
            QCOMPARE(first.lockFile(), fs::path(file.string() + ".lock"));
            const std::string e = lockError(file);
            const std::string expected = file.string() + " is being written by process " +
                                         std::to_string(QCoreApplication::applicationPid()) +
                                         " (basinscope-cli curves); wait for it or stop it";
            QVERIFY2(e == expected, e.c_str());
            StudyLock moved = std::move(first);
            QVERIFY(!first.held());
            QVERIFY(moved.held());
            QVERIFY(contains(lockError(file), "is being written by process"));
            moved.release();
            QVERIFY(!fs::exists(file.string() + ".lock"));
            QVERIFY(!StudyLock::holder(file).has_value());
            QCOMPARE(lockError(file), std::string("(lock taken)"));
        }
        QVERIFY(!fs::exists(file.string() + ".lock"));
    }

    void secondLockInAnotherProcessIsRefused() {
        const fs::path file = path("other.h5");
        QProcess child;
        child.start(self(), {"--hold-lock", test::toQString(file)});
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(60000));
        QCOMPARE(child.readLine().trimmed(), QByteArray("locked"));

        const std::string e = lockError(file);
        const std::string expected = file.string() + " is being written by process " +
                                     std::to_string(child.processId()) +
                                     " (lock holder test); wait for it or stop it";
        QVERIFY2(e == expected, e.c_str());
        QCOMPARE(StudyLock::holder(file).value_or("none"),
                 "process " + std::to_string(child.processId()) + " (lock holder test)");

        // util-linux flock sees the same lock on the documented file.
        const QString flock = QStandardPaths::findExecutable("flock");
        if (!flock.isEmpty()) {
            QProcess probe;
            probe.start(flock, {"-n", test::toQString(file) + ".lock", "true"});
            QVERIFY(probe.waitForFinished(30000));
            QCOMPARE(probe.exitCode(), 1);
        }

        // kill -9: the lock file stays behind but no longer blocks.
        child.kill();
        QVERIFY(child.waitForFinished(30000));
        QVERIFY(fs::exists(file.string() + ".lock"));
        QVERIFY(!StudyLock::holder(file).has_value());
        StudyLock lock(file, "after the crash");
        QVERIFY(lock.held());
    }

    void lockHeldByAnExternalToolIsRefused() {
        const QString flock = QStandardPaths::findExecutable("flock");
        if (flock.isEmpty())
            QSKIP("flock (util-linux) not installed");
        const fs::path file = path("external.h5");
        QProcess holder;
        holder.start(flock, {"-n", test::toQString(file) + ".lock", "-c", "echo held; sleep 60"});
        QVERIFY(holder.waitForReadyRead(30000));
        const std::string e = lockError(file);
        QVERIFY2(e ==
                     file.string() + " is being written by another process; wait for it or stop it",
                 e.c_str());
        holder.kill();
        holder.waitForFinished(30000);
    }

    void lockInMissingFolderCreatesNothing() {
        const fs::path folder = path("absent");
        const std::string e = lockError(folder / "s.h5");
        QVERIFY2(contains(e, "cannot open the study for writing: folder " + folder.string() +
                                 " does not exist"),
                 e.c_str());
        QVERIFY(!fs::exists(folder));
    }

    void lockRemovesTemporariesOfAKilledWriter() {
        const fs::path dir = path("stale");
        fs::create_directories(dir);
        for (const char* name : {"s.h5.tmp-4242", "s.h5.tmp-1", "s.h5.tmp-notes", "t.h5.tmp-5"})
            std::ofstream(dir / name) << "partial";
        {
            StudyLock lock(dir / "s.h5", "cleanup test");
            QVERIFY(!fs::exists(dir / "s.h5.tmp-4242"));
            QVERIFY(!fs::exists(dir / "s.h5.tmp-1"));
            QVERIFY(fs::exists(dir / "s.h5.tmp-notes")); // not a temporary of ours
            QVERIFY(fs::exists(dir / "t.h5.tmp-5"));     // another study's
        }
    }

    // A writer killed at random moments leaves a file that reads back as one saved version.
    void killedWriterLeavesAWholeStudy() {
        const fs::path file = path("killed.h5");
        std::mt19937 rng(12345);
        int64_t next = 1;
        int midSave = 0;
        constexpr int kKills = 20;
        for (int round = 0; round < kKills; ++round) {
            QProcess child;
            child.start(self(), {"--save-loop", test::toQString(file), QString::number(next)});
            QVERIFY(child.waitForStarted());
            int64_t reported = 0;
            // Wait for one finished save, then let it run a random while and kill it.
            while (reported == 0) {
                QVERIFY2(child.waitForReadyRead(60000), child.readAllStandardError().constData());
                while (child.canReadLine())
                    reported = child.readLine().trimmed().toLongLong();
            }
            std::this_thread::sleep_for(std::chrono::microseconds(rng() % 60000));
            child.kill();
            QVERIFY(child.waitForFinished(30000));
            while (child.canReadLine())
                reported = std::max<int64_t>(reported, child.readLine().trimmed().toLongLong());
            const QByteArray rest = child.readAllStandardOutput();
            for (const auto& line : rest.split('\n'))
                if (!line.trimmed().isEmpty())
                    reported = std::max<int64_t>(reported, line.trimmed().toLongLong());

            const Study back = readStudy(file);
            const int64_t version = back.models[0].step;
            // The save in flight may have completed its rename before the kill landed.
            QVERIFY2(version == reported || version == reported + 1,
                     qPrintable(
                         QString("read version %1, last reported %2").arg(version).arg(reported)));
            const std::string diff = test::studyDifference(back, versionStudy(version));
            QVERIFY2(diff.empty(), diff.c_str());
            bool tempLeft = false;
            for (const auto& e : fs::directory_iterator(m_dir.path().toStdString()))
                tempLeft |= contains(e.path().filename().string(), "killed.h5.tmp-");
            midSave += tempLeft;
            next = version + 1;
        }
        qInfo("%d kills, %d of them during a save (a temporary file was left)", kKills, midSave);
        // The next writer's lock removes what the killed ones left.
        StudyLock lock(file, "cleanup");
        for (const auto& e : fs::directory_iterator(m_dir.path().toStdString()))
            QVERIFY2(!contains(e.path().filename().string(), "killed.h5.tmp-"), e.path().c_str());
    }

    // Pairs written in place by a writer killed at random moments: every read succeeds, holds
    // at least the pairs reported, and every value it holds is the value computed; resuming
    // after each kill ends in exactly the study of an uninterrupted run.
    void killedInPlaceWriterLosesAtMostThePairInFlight() {
        const fs::path file = path("pairs.h5");
        {
            StudyLock lock(file, "setup");
            writeStudy(emptyPairStudy(), file);
        }
        Study reference = emptyPairStudy();
        for (const auto& [i, j] : allPairs(static_cast<int64_t>(reference.models.size())))
            computePair(reference, i, j);

        std::mt19937 rng(777);
        bool finished = false;
        int kills = 0, torn = 0;
        // Fifteen runs are killed a few milliseconds into their work; the last one finishes.
        for (int round = 0; round < 40 && !finished; ++round) {
            QProcess child;
            child.start(self(), {"--pair-loop", test::toQString(file)});
            QVERIFY(child.waitForStarted());
            int64_t reported = 0;
            while (reported == 0 && !finished) {
                QVERIFY2(child.waitForReadyRead(60000), child.readAllStandardError().constData());
                while (child.canReadLine()) {
                    const QByteArray line = child.readLine().trimmed();
                    finished |= line == "finished";
                    reported = std::max<int64_t>(reported, line.toLongLong());
                }
            }
            if (!finished && round < 15) {
                std::this_thread::sleep_for(std::chrono::microseconds(rng() % 10000));
                child.kill();
                ++kills;
            }
            QVERIFY(child.waitForFinished(30000));
            for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
                finished |= line.trimmed() == "finished";
                reported = std::max<int64_t>(reported, line.trimmed().toLongLong());
            }

            const Study back = readStudy(file);
            int64_t complete = 0, partials = 0;
            for (const auto& [i, j] : allPairs(static_cast<int64_t>(back.models.size()))) {
                bool someMissing = false, somePresent = false;
                for (size_t d = 0; d < back.datasets.size(); ++d) {
                    const CurveSet& curves = back.curves.at(back.datasets[d].name);
                    const std::vector<double> loss = curves.lossCurve(i, j);
                    const std::vector<double> expected = pairLoss(d, i, j, back.points);
                    for (size_t k = 0; k < loss.size(); ++k) {
                        if (std::isnan(loss[k])) {
                            someMissing = true;
                            continue;
                        }
                        somePresent = true;
                        QCOMPARE(loss[k], expected[k]); // a value is whole and right, or absent
                    }
                }
                if (pairComplete(back, i, j)) {
                    ++complete;
                    // A complete loss curve implies the rest of the pair is in the file.
                    for (size_t d = 0; d < back.datasets.size(); ++d)
                        QCOMPARE(back.curves.at(back.datasets[d].name).metricCurve(i, j),
                                 pairMetric(d, i, j, back.points));
                    QCOMPARE(back.distance.at(i, j), 1.0 + double(i * 100 + j));
                    // The matrices agree with the curve, even when the kill fell between them.
                    for (const DatasetEntry& d : back.datasets)
                        QCOMPARE(back.matrices.at(d.name).convexityGap.at(i, j),
                                 reference.matrices.at(d.name).convexityGap.at(i, j));
                } else if (someMissing && somePresent) {
                    ++partials;
                }
            }
            QVERIFY2(
                complete >= reported,
                qPrintable(QString("%1 complete pairs, %2 reported").arg(complete).arg(reported)));
            QVERIFY2(complete <= reported + 1,
                     qPrintable(QString("more than the pair in flight appeared: %1 complete pairs, "
                                        "%2 reported")
                                    .arg(complete)
                                    .arg(reported)));
            torn += partials > 0 ? 1 : 0;
        }
        QVERIFY2(finished, "the loop did not finish within 40 runs");
        qInfo("%d kills during in-place pair writes, %d left a partly written pair", kills, torn);
        QVERIFY(kills >= 5);
        const std::string diff = test::studyDifference(readStudy(file), reference);
        QVERIFY2(diff.empty(), diff.c_str());
    }
};

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--hold-lock")
        return holdLockChild(argv[2]);
    if (argc >= 3 && std::string(argv[1]) == "--pair-loop")
        return pairLoopChild(argv[2]);
    if (argc >= 4 && std::string(argv[1]) == "--save-loop")
        return saveLoopChild(argv[2], std::stoll(argv[3]));
    QCoreApplication app(argc, argv);
    TestStudyProcesses test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_study_processes.moc"
