// Runs every fuzz target over its committed seeds (fuzz/corpus/<target>) and the inputs that
// once crashed or hung it (fuzz/regressions/<target>). The targets are the same files that
// the `fuzz` preset builds as libFuzzer programs, compiled here with the normal compiler: a
// target answers a bad input with a bs::Error it swallows, so any exception that escapes is
// a finding, and so is an input that takes a second.
#include "fuzz/fuzz_targets.h"
#include "tests/support/test_support.h"

#include <QElapsedTimer>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace {

using Entry = int (*)(const uint8_t*, size_t);

struct Target {
    const char* name;
    Entry entry;
};

#define BS_FUZZ_ROW(name) Target{#name, &bsFuzz_##name},
const Target kTargets[] = {BS_FUZZ_TARGET_LIST(BS_FUZZ_ROW)};
#undef BS_FUZZ_ROW

fs::path fuzzDir() {
    return bs::test::testDataDir() / ".." / ".." / "fuzz";
}

std::vector<fs::path> inputsOf(const std::string& target, const char* folder) {
    std::vector<fs::path> out;
    std::error_code ec;
    const fs::path dir = fuzzDir() / folder / target;
    if (!fs::is_directory(dir, ec))
        return out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file())
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestFuzzCorpora : public QObject {
    Q_OBJECT
private slots:
    void corpus_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < std::size(kTargets); ++i)
            QTest::newRow(kTargets[i].name) << static_cast<int>(i);
    }

    void corpus() {
        QFETCH(int, index);
        const Target& target = kTargets[index];
        const std::vector<fs::path> seeds = inputsOf(target.name, "corpus");
        QVERIFY2(!seeds.empty(), qPrintable(QString("no seeds in fuzz/corpus/") + target.name));
        std::vector<fs::path> inputs = seeds;
        for (const fs::path& p : inputsOf(target.name, "regressions"))
            inputs.push_back(p);
        for (const fs::path& input : inputs) {
            std::ifstream in(input, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            const QString where = bs::test::toQString(input);
            QElapsedTimer timer;
            timer.start();
            try {
                target.entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            } catch (const std::exception& e) {
                QFAIL(qPrintable(where + ": escaped exception: " + e.what()));
            } catch (...) {
                QFAIL(qPrintable(where + ": escaped a non-standard exception"));
            }
            QVERIFY2(timer.elapsed() < 1000,
                     qPrintable(where + QString(": took %1 ms").arg(timer.elapsed())));
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpora)
#include "test_fuzz_corpora.moc"
