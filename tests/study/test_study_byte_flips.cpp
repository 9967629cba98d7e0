// Study files damaged in transit: bytes replaced at seeded random offsets of real study files,
// each copy read in its own child process. Every read must end in a valid study or an error
// naming the file, never a crash or a hang.
//
// BS_BYTE_FLIP_STUDY=<file> (with BS_BYTE_FLIP_COUNT, default 1200) measures another study the
// same way, e.g. the demo's: the counts are printed and the same assertions apply.
#include "core/study/study_store.h"
#include "tests/study/byte_flip_run.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// Two children at a time: the test machines have two cores; a read takes milliseconds.
constexpr int kParallel = 2;
// A read of these small files takes well under a second; ten is a hang, not slowness.
constexpr double kHangSeconds = 10;

void printAndCheck(const char* what, const bs::test::ByteFlipReport& r) {
    qInfo("%s: %lld damaged copies: %lld read, %lld clear errors, %lld errors without the file "
          "name, %lld other exceptions, %lld crashes, %lld hangs; slowest read %.3f s; %.1f s "
          "in all",
          what, static_cast<long long>(r.copies), static_cast<long long>(r.read),
          static_cast<long long>(r.errors), static_cast<long long>(r.unnamed),
          static_cast<long long>(r.foreign), static_cast<long long>(r.crashes),
          static_cast<long long>(r.hangs), r.slowestSeconds, r.wallSeconds);
    for (const auto& p : r.problems)
        qWarning("%s", p.c_str());
    QCOMPARE(r.crashes, 0);
    QCOMPARE(r.hangs, 0);
    QCOMPARE(r.unnamed, 0);
    QCOMPARE(r.foreign, 0);
    QCOMPARE(r.read + r.errors, r.copies);
}

} // namespace

class TestStudyByteFlips : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }

private slots:
    // A format-2 study with every kind of object (planes, clusterings, sharpness, non-ASCII
    // names), as BasinScope writes it.
    void currentFormat() {
        const fs::path file = dir() / "study.h5";
        const Study original = bs::test::fullStudy(6, 8);
        writeStudy(original, file);
        QCOMPARE(QString::fromStdString(bs::test::studyDifference(readStudy(file), original)),
                 QString());
        const fs::path work = dir() / "current";
        fs::create_directories(work);
        const auto report =
            bs::test::flipAndRead(file, 1200, 20240611, work, kParallel, kHangSeconds);
        printAndCheck("format 2", report);
        QCOMPARE(report.copies, 1200);
        // Both outcomes occur: damage in values reads as other values, damage in structure is
        // refused (a run where either count is zero did not exercise the reader).
        QVERIFY(report.read > 0);
        QVERIFY(report.errors > 0);
    }

    // Format-1 files (written before the incremental store) still read, and are as safe.
    void olderFormat() {
        const fs::path file = bs::test::testDataDir() / "study" / "format-v1.h5";
        (void)readStudy(file);
        const fs::path work = dir() / "v1";
        fs::create_directories(work);
        const auto report = bs::test::flipAndRead(file, 300, 7, work, kParallel, kHangSeconds);
        printAndCheck("format 1", report);
        QVERIFY(report.read > 0);
        QVERIFY(report.errors > 0);
    }

    // The measurement on a study given by the environment (skipped without one).
    void givenStudy() {
        const char* given = std::getenv("BS_BYTE_FLIP_STUDY");
        if (!given || !*given)
            QSKIP("set BS_BYTE_FLIP_STUDY=<study.h5> to measure another study");
        const char* countText = std::getenv("BS_BYTE_FLIP_COUNT");
        const int64_t count = countText ? std::atoll(countText) : 1200;
        const fs::path work = dir() / "given";
        fs::create_directories(work);
        const auto report = bs::test::flipAndRead(given, count, 1, work, kParallel, kHangSeconds);
        printAndCheck(given, report);
    }
};

QTEST_GUILESS_MAIN(TestStudyByteFlips)
#include "test_study_byte_flips.moc"
