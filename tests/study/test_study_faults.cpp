// Saving a study when the file system fails: a full disk (a size-limited tmpfs), a read-only
// folder (the tmpfs remounted read-only) and a study file deleted while a computation writes
// it. Each failed save must report an error naming the study, and the file on disk must still
// hold every result saved before (read back and compared value by value).
#include "core/common/error.h"
#include "core/study/derived_matrices.h"
#include "core/study/study_store.h"
#include "core/study/study_writer.h"
#include "tests/study/small_filesystem.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <unistd.h>

using namespace bs;
namespace fs = std::filesystem;
using bs::test::SmallFilesystem;
using bs::test::studyDifference;

namespace {

constexpr uint64_t kFilesystemBytes = 1 << 20; // a 6-model study takes about 60 KB

// fullStudy with the curves of pair (0, 5) not computed yet: the unit a later save adds.
Study studyWithoutLastPair() {
    Study s = bs::test::fullStudy(6, 8);
    const std::vector<double> nan(8, kNaN);
    for (auto& [name, curves] : s.curves)
        curves.setPair(0, 5, nan, nan);
    updatePairMatrices(s, 0, 5);
    return s;
}

// The same study once pair (0, 5) is computed.
Study withLastPair(Study s) {
    std::vector<double> loss, metric;
    for (int k = 0; k < 8; ++k) {
        loss.push_back(0.75 + 0.01 * k);
        metric.push_back(0.5 - 0.02 * k);
    }
    for (auto& [name, curves] : s.curves)
        curves.setPair(0, 5, loss, metric);
    updatePairMatrices(s, 0, 5);
    return s;
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// Files a failed save may have left next to the study (its temporary copy).
QStringList leftovers(const fs::path& folder, const fs::path& study) {
    QStringList out;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const auto name = entry.path().filename().string();
        if (entry.path() != study && name != "filler" && name.find(".lock") == std::string::npos)
            out << QString::fromStdString(name);
    }
    return out;
}

} // namespace

class TestStudyFaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }

    // A fresh tmpfs for one test, or a skip that says why there is none.
#define REQUIRE_MOUNT(fsys)                                                                        \
    if (!(fsys).mounted())                                                                         \
        QSKIP(qPrintable(QString::fromStdString((fsys).why())));

    void checkIntact(const fs::path& file, const Study& expected) {
        QCOMPARE(QString::fromStdString(studyDifference(readStudy(file), expected)), QString());
    }

private slots:
    // A whole save (new models, datasets, planes or a stored clustering) on a full disk, and
    // on a nearly full one, where it fails part of the way through the file.
    void wholeSaveOnFullDisk_data() {
        QTest::addColumn<int>("free");
        QTest::newRow("no space") << 0;
        QTest::newRow("8 KiB free") << 8 * 1024;
        QTest::newRow("32 KiB free") << 32 * 1024;
    }
    void wholeSaveOnFullDisk() {
        QFETCH(int, free);
        SmallFilesystem disk(dir() / ("full-" + std::to_string(free)), kFilesystemBytes);
        REQUIRE_MOUNT(disk);
        const fs::path file = disk.folder() / "study.h5";
        const Study before = studyWithoutLastPair();
        writeStudy(before, file);
        QVERIFY(free < static_cast<int>(fs::file_size(file))); // the save cannot fit
        QVERIFY(disk.fill(static_cast<uint64_t>(free)) > 0);

        Study grown = withLastPair(before);
        grown.clusterings.pop_back(); // any edit: a whole save
        const QString direct = errorOf([&] { writeStudy(grown, file); });
        qInfo("writeStudy, %d bytes free: %s", free, qPrintable(direct));
        QVERIFY2(direct.startsWith(QString::fromStdString(file.string() + ": ")),
                 qPrintable(direct));
        QVERIFY2(direct.contains("No space left on device") || direct.contains("disk full"),
                 qPrintable(direct));
        checkIntact(file, before);
        QCOMPARE(leftovers(disk.folder(), file), QStringList());

        StudyWriter writer(file);
        const QString viaWriter = errorOf([&] { writer.save(grown, StudyChange::everything()); });
        QVERIFY2(viaWriter.startsWith(QString::fromStdString(file.string() + ": ")),
                 qPrintable(viaWriter));
        checkIntact(file, before);
        QCOMPARE(leftovers(disk.folder(), file), QStringList());
    }

    // A pair saved in place needs no new space (every array is allocated when the file is
    // written), so it succeeds on a full disk; a save that must rewrite the file fails and
    // keeps the pair saved before it.
    void pairWriteOnFullDisk() {
        SmallFilesystem disk(dir() / "pair", kFilesystemBytes);
        REQUIRE_MOUNT(disk);
        const fs::path file = disk.folder() / "study.h5";
        const Study before = studyWithoutLastPair();
        writeStudy(before, file);
        QVERIFY(disk.fill() > 0);

        const Study after = withLastPair(before);
        {
            StudyWriter writer(file);
            writer.save(after, StudyChange::pair(0, 5));
            QCOMPARE(writer.inPlaceSaves(), 1);
            writer.close();
        }
        checkIntact(file, after);

        // A model added: the pair's save must rewrite the file, which the disk cannot hold.
        Study more = after;
        auto models = more.models;
        models.push_back(bs::test::sampleModel("late-model"));
        more.setModels(models);
        StudyWriter writer(file);
        const QString error = errorOf([&] { writer.save(more, StudyChange::pair(0, 6)); });
        qInfo("a pair save that needs a whole rewrite on a full disk: %s", qPrintable(error));
        QVERIFY2(error.startsWith(QString::fromStdString(file.string() + ": ")), qPrintable(error));
        checkIntact(file, after);
        QCOMPARE(leftovers(disk.folder(), file), QStringList());
    }

    // A folder that became read-only (EROFS refuses root too): in-place and whole saves fail
    // with the study's name, and nothing changes on disk.
    void readOnlyFolder() {
        SmallFilesystem disk(dir() / "ro", kFilesystemBytes);
        REQUIRE_MOUNT(disk);
        const fs::path file = disk.folder() / "study.h5";
        const Study before = studyWithoutLastPair();
        writeStudy(before, file);
        if (!disk.remountReadOnly())
            QSKIP(qPrintable(QString::fromStdString(disk.why())));

        const Study after = withLastPair(before);
        StudyWriter writer(file);
        const QString inPlace = errorOf([&] { writer.save(after, StudyChange::pair(0, 5)); });
        qInfo("pair save in a read-only folder: %s", qPrintable(inPlace));
        QVERIFY2(inPlace.startsWith(QString::fromStdString(file.string() + ": ")),
                 qPrintable(inPlace));
        QVERIFY2(inPlace.contains("read-only") || inPlace.contains("Read-only"),
                 qPrintable(inPlace));
        checkIntact(file, before);

        const QString whole = errorOf([&] { writeStudy(after, file); });
        qInfo("whole save in a read-only folder: %s", qPrintable(whole));
        QVERIFY2(whole.startsWith(QString::fromStdString(file.string() + ": ")), qPrintable(whole));
        QVERIFY2(whole.contains("read-only") || whole.contains("Read-only"), qPrintable(whole));
        checkIntact(file, before);
    }

    // What a user of the command line sees: `cluster` stores its clustering with a whole save;
    // on a full disk and in a read-only folder it prints the study's name and the reason,
    // exits non-zero, and the study keeps every result.
    void commandLineReports() {
        SmallFilesystem disk(dir() / "cli", kFilesystemBytes);
        REQUIRE_MOUNT(disk);
        const fs::path file = disk.folder() / "study.h5";
        const Study before = bs::test::denseStudy(6, 5, 2);
        writeStudy(before, file);
        auto cluster = [&] {
            QProcess cli;
            cli.start(bs::test::toQString(bs::test::cliPath()),
                      {"cluster", bs::test::toQString(file), "--k", "2", "--median-delta"});
            cli.waitForFinished(60000);
            // A crash (HDF5 used to die at exit after a failed close) is not an error report.
            const bool crashed = cli.exitStatus() != QProcess::NormalExit;
            return std::pair{crashed ? -1 : cli.exitCode(),
                             QString::fromUtf8(cli.readAllStandardError())};
        };
        // No space at all, and space for part of the file (the save fails on its way).
        for (const uint64_t free : {uint64_t{0}, uint64_t{16 * 1024}}) {
            fs::remove(disk.folder() / "filler");
            QVERIFY(disk.fill(free) > 0);
            auto [code, error] = cluster();
            qInfo("cluster on a full disk (%llu bytes free): exit %d: %s",
                  static_cast<unsigned long long>(free), code, qPrintable(error.trimmed()));
            QCOMPARE(code, 1);
            QVERIFY2(error.startsWith("error: " + bs::test::toQString(file) + ": "),
                     qPrintable(error));
            QVERIFY2(error.contains("No space left on device"), qPrintable(error));
            checkIntact(file, before);
        }

        fs::remove(disk.folder() / "filler");
        if (!disk.remountReadOnly())
            QSKIP(qPrintable(QString::fromStdString(disk.why())));
        const auto [code, error] = cluster();
        qInfo("cluster in a read-only folder: exit %d: %s", code, qPrintable(error.trimmed()));
        QCOMPARE(code, 1);
        QVERIFY2(error.startsWith("error: " + bs::test::toQString(file) + ": "), qPrintable(error));
        QVERIFY2(error.contains("Read-only file system"), qPrintable(error));
        checkIntact(file, before);
    }

    // The study file deleted (or replaced) while a computation holds it open: the next save
    // must not vanish into the deleted file. The writer notices and writes the study whole,
    // so the file on disk holds every result, those of earlier saves included.
    void deletedWhileOpen() {
        const fs::path file = dir() / "deleted.h5";
        Study s = studyWithoutLastPair();
        const std::vector<double> nan(8, kNaN);
        for (auto& [name, curves] : s.curves)
            curves.setPair(1, 4, nan, nan);
        updatePairMatrices(s, 1, 4);
        writeStudy(s, file);

        StudyWriter writer(file);
        Study first = withLastPair(s); // pair (0, 5)
        writer.save(first, StudyChange::pair(0, 5));
        QCOMPARE(writer.inPlaceSaves(), 1);
        QVERIFY(fs::remove(file));

        Study second = first;
        std::vector<double> loss(8, 0.3), metric(8, 0.6);
        for (auto& [name, curves] : second.curves)
            curves.setPair(1, 4, loss, metric);
        updatePairMatrices(second, 1, 4);
        writer.save(second, StudyChange::pair(1, 4));
        writer.close();
        QVERIFY(fs::exists(file));
        checkIntact(file, second);
        QCOMPARE(writer.fullSaves(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStudyFaults)
#include "test_study_faults.moc"
