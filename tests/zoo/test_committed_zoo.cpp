// The committed zoo (resources/zoo/toy-nli): intact, small enough, and its checkpoints evaluate to
// the scores its manifest records.

#include "core/data/dataset_reader.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/text/tokenizer_loader.h"
#include "core/zoo/zoo_builder.h"
#include "core/zoo/zoo_evaluation.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace bs;
using namespace bs::zoo;

class TestCommittedZoo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void filesMatchTheManifest();
    void staysUnderTheSizeLimit();
    void recipeIsTheDefault();
    void modelsEvaluateToTheManifest();
    void intermediateCheckpointsLoad();
    void labelRegimesDifferOnlyOnRoleSwaps();

private:
    fs::path m_zoo;
    nlohmann::json m_manifest;
};

void TestCommittedZoo::initTestCase() {
    m_zoo = test::testDataDir() / ".." / ".." / "resources" / "zoo" / "toy-nli";
    QVERIFY2(fs::exists(m_zoo / kManifestFile),
             "resources/zoo/toy-nli is missing: build it with basinscope-cli zoo toy-nli --out "
             "resources/zoo/toy-nli");
    m_manifest = readZooManifest(m_zoo);
}

void TestCommittedZoo::filesMatchTheManifest() {
    const std::vector<std::string> problems = verifyZoo(m_zoo);
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
}

void TestCommittedZoo::staysUnderTheSizeLimit() {
    uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(m_zoo))
        if (e.is_regular_file())
            bytes += e.file_size();
    qInfo("resources/zoo/toy-nli: %.1f MB", double(bytes) / 1e6);
    QVERIFY(bytes <= 25u * 1000u * 1000u);
}

void TestCommittedZoo::recipeIsTheDefault() {
    // What `basinscope-cli zoo toy-nli` builds is what is committed (so demo and docs agree).
    QCOMPARE(m_manifest["recipe"], recipeToJson(defaultToyNliRecipe()));
    // The command line it was made with is recorded (docs/zoo.md repeats it).
    const std::string command = m_manifest["command"].get<std::string>();
    QVERIFY2(command.rfind("basinscope-cli zoo toy-nli", 0) == 0, command.c_str());
}

void TestCommittedZoo::modelsEvaluateToTheManifest() {
    const fs::path first = zooModelFolders(m_zoo).front();
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(first);
    const auto probe = loadClassifier(first);
    const ZooEvaluation evaluation(m_zoo / "data", tokenizer, probe->config());
    // Chance level of the in-domain set: always predicting its most frequent label.
    DatasetSpec spec;
    spec.path = m_zoo / "data" / "dev.tsv";
    spec.format = "mnli";
    const Dataset dev = loadDataset(spec);
    std::map<int64_t, int64_t> counts;
    for (const Example& e : dev.examples)
        ++counts[e.label];
    int64_t most = 0;
    for (const auto& [label, n] : counts)
        most = std::max(most, n);
    const double majority = double(most) / double(dev.examples.size());
    qInfo("dev.tsv: %zu rows, majority label %.3f", dev.examples.size(), majority);
    for (const nlohmann::json& m : m_manifest["models"]) {
        const auto model = loadClassifier(m_zoo / m["name"].get<std::string>());
        const ZooModelScores s = evaluation.evaluate(*model);
        QCOMPARE(s.devAccuracy, m["dev"]["accuracy"].get<double>());
        QCOMPARE(s.swapsAccuracy, m["dev_swaps"]["accuracy"].get<double>());
        QCOMPARE(s.diagnosticNonEntailed, m["diagnostic"]["non_entailed"].get<double>());
        QCOMPARE(s.diagnosticEntailed, m["diagnostic"]["entailed"].get<double>());
        // Trained models, not chance: every model beats the majority label by 10+ points.
        QVERIFY2(s.devAccuracy > majority + 0.1, m["name"].get<std::string>().c_str());
    }
}

void TestCommittedZoo::intermediateCheckpointsLoad() {
    const std::vector<int> steps = m_manifest["recipe"]["finetune"]["checkpoints"];
    QVERIFY(!steps.empty());
    for (const fs::path& dir : zooModelFolders(m_zoo))
        for (int step : steps) {
            const fs::path cp = dir / ("checkpoint-" + std::to_string(step));
            LoadReport report;
            const auto model = loadClassifier(cp, at::kFloat, &report);
            QVERIFY2(report.unused.empty(), cp.c_str());
        }
}

void TestCommittedZoo::labelRegimesDifferOnlyOnRoleSwaps() {
    // The overlap regime's training file relabels the role swaps (and nothing else) as
    // entailment, so the two groups of seeds are trained on genuinely different labels.
    DatasetSpec spec;
    spec.format = "mnli";
    spec.path = m_zoo / "data" / "train.tsv";
    const Dataset meaning = loadDataset(spec);
    spec.path = m_zoo / "data" / "train_overlap.tsv";
    const Dataset overlap = loadDataset(spec);
    QCOMPARE(meaning.examples.size(), overlap.examples.size());
    int64_t differing = 0;
    for (size_t i = 0; i < meaning.examples.size(); ++i) {
        const Example& a = meaning.examples[i];
        const Example& b = overlap.examples[i];
        QCOMPARE(a.textA, b.textA);
        if (a.label == b.label)
            continue;
        ++differing;
        QCOMPARE(a.fields.at("genre"), std::string("role_swap"));
        QCOMPARE(overlap.labelNames[size_t(b.label)], std::string("entailment"));
    }
    const double share = double(differing) / double(meaning.examples.size());
    qInfo("train_overlap.tsv relabels %lld of %zu rows (%.3f)", static_cast<long long>(differing),
          meaning.examples.size(), share);
    QVERIFY(share > 0.05);
    // Both regimes are present in the zoo.
    std::set<std::string> regimes;
    for (const nlohmann::json& m : m_manifest["models"])
        regimes.insert(m["regime"].get<std::string>());
    QCOMPARE(regimes, (std::set<std::string>{"meaning", "overlap"}));
}

QTEST_GUILESS_MAIN(TestCommittedZoo)
#include "test_committed_zoo.moc"
