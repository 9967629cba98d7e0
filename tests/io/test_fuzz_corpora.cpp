// Runs every fuzz target over its committed seeds (fuzz/corpus/<target>) and the inputs that
// once crashed or hung it (fuzz/regressions/<target>). The targets are the same files that
// the `fuzz` preset builds as libFuzzer programs, compiled here with the normal compiler: a
// target answers a bad input with a bs::Error it swallows, so any exception that escapes is
// a finding, and so is an input that takes a second. A short mutation run (seeded, so every
// run of the suite tries the same inputs) then damages each seed the way libFuzzer would: a
// smoke test that the committed corpus has not gone stale, not a substitute for the campaign.
#include "fuzz/fuzz_targets.h"
#include "tests/support/test_support.h"

#include <QElapsedTimer>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

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

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {(std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()};
}

// One libFuzzer-like damage of `bytes`: overwritten, inserted, duplicated or cut bytes, or
// bytes that parsers treat specially (0, 0x7f, 0xff, a digit, a sign, a quote, a newline).
std::string mutate(std::string bytes, std::mt19937_64& rng) {
    auto below = [&](size_t n) {
        return n == 0 ? size_t{0} : size_t(rng() % n);
    };
    const int edits = 1 + int(below(4));
    for (int e = 0; e < edits; ++e) {
        const size_t at = below(bytes.size() + 1);
        switch (below(5)) {
        case 0: // overwrite 1, 4 or 16 bytes with random values
            for (size_t i = 0, n = size_t{1} << (2 * below(3)); i < n && at + i < bytes.size(); ++i)
                bytes[at + i] = char(rng());
            break;
        case 1: { // a value at an edge
            static const char edges[] = {'\0', '\x7f', '\xff', '9', '-', '"', '\n'};
            if (at < bytes.size())
                bytes[at] = edges[below(sizeof edges)];
            break;
        }
        case 2: // insert random bytes
            bytes.insert(at, std::string(1 + below(8), char(rng())));
            break;
        case 3: { // duplicate a chunk (repeated keys, records, headers)
            if (at >= bytes.size())
                break;
            const size_t len = 1 + below(std::min<size_t>(64, bytes.size() - at));
            bytes.insert(at, bytes.substr(at, len));
            break;
        }
        default: // cut the tail
            bytes.resize(at);
            break;
        }
    }
    return bytes;
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
            const std::string bytes = readBytes(input);
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

    void mutants_data() { corpus_data(); }

    // Damaged copies of the seeds for about a second per target (at most 20,000). A failure
    // names the target and the mutant's number; the mutant is reproducible from the fixed seed.
    void mutants() {
        QFETCH(int, index);
        const Target& target = kTargets[index];
        std::vector<std::string> seeds;
        for (const fs::path& p : inputsOf(target.name, "corpus"))
            seeds.push_back(readBytes(p));
        QVERIFY(!seeds.empty());
        std::mt19937_64 rng(0x5eed0000u + static_cast<unsigned>(index));
        QElapsedTimer total;
        total.start();
        int tried = 0;
        for (; tried < 20000 && total.elapsed() < 1000; ++tried) {
            const std::string input = mutate(seeds[size_t(tried) % seeds.size()], rng);
            const QString where = QString("%1 mutant %2").arg(target.name).arg(tried);
            QElapsedTimer timer;
            timer.start();
            try {
                target.entry(reinterpret_cast<const uint8_t*>(input.data()), input.size());
            } catch (const std::exception& e) {
                QFAIL(qPrintable(where + ": escaped exception: " + e.what()));
            } catch (...) {
                QFAIL(qPrintable(where + ": escaped a non-standard exception"));
            }
            QVERIFY2(timer.elapsed() < 1000,
                     qPrintable(where + QString(": took %1 ms").arg(timer.elapsed())));
        }
        qInfo("%s: %d mutants in %lld ms", target.name, tried,
              static_cast<long long>(total.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpora)
#include "test_fuzz_corpora.moc"
