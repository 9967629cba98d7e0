// The committed zoo (resources/zoo/toy-nli): intact, small enough, and its checkpoints evaluate to the
// scores its manifest records.

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
    for (const nlohmann::json& m : m_manifest["models"]) {
        const auto model = loadClassifier(m_zoo / m["name"].get<std::string>());
        const ZooModelScores s = evaluation.evaluate(*model);
        QCOMPARE(s.devAccuracy, m["dev"]["accuracy"].get<double>());
        QCOMPARE(s.swapsAccuracy, m["dev_swaps"]["accuracy"].get<double>());
        QCOMPARE(s.diagnosticNonEntailed, m["diagnostic"]["non_entailed"].get<double>());
        QCOMPARE(s.diagnosticEntailed, m["diagnostic"]["entailed"].get<double>());
        // Trained models, not chance: the in-domain task is learnt by every model.
        QVERIFY(s.devAccuracy > 0.8);
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

QTEST_GUILESS_MAIN(TestCommittedZoo)
#include "test_committed_zoo.moc"
