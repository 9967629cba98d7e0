// A 2-model mini zoo: bit-identical regeneration, the files through the real readers,
// checkpoints that load and evaluate to what the manifest records.

#include "core/common/error.h"
#include "core/data/dataset_reader.h"
#include "core/io/checkpoint.h"
#include "core/landscape/encoded_dataset.h"
#include "core/landscape/evaluator.h"
#include "core/models/sequence_classifier.h"
#include "core/models/transformer_ops.h"
#include "core/text/tokenizer_loader.h"
#include "core/zoo/bert_encoder.h"
#include "core/zoo/zoo_builder.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include <chrono>
#include <fstream>

namespace fs = std::filesystem;
using namespace bs;
using namespace bs::zoo;

class TestMiniZoo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void regenerationIsBitIdentical();
    void layoutHasEveryCheckpoint();
    void mnliFilesLoadWithMeaningLabels();
    void overlapFileRelabelsOnlySwaps();
    void hansFileLoadsWithItsFields();
    void vocabularyCoversEverySentence();
    void checkpointsEvaluateToTheManifest();
    void pretrainedCheckpointHasItsHeads();
    void encoderViewMatchesTheClassifier();
    void cacheVerifiesAndRefuses();

private:
    QTemporaryDir m_tmp;
    fs::path m_first, m_second;
    double m_seconds = 0;
};

namespace {

ZooBuildOptions options(const fs::path& out) {
    ZooBuildOptions o;
    o.recipe = miniToyNliRecipe();
    o.out = out;
    o.command = "test";
    return o;
}

Dataset load(const fs::path& path, const std::string& format) {
    DatasetSpec spec;
    spec.path = path;
    spec.format = format;
    return loadDataset(spec);
}

std::vector<std::string> relativeFiles(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out.push_back(fs::relative(e.path(), dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string expectedMnliLabel(const std::string& genre, bool overlapLabels) {
    if (genre == "identical" || genre == "voice_switch" || genre == "drop_modifier" ||
        genre == "relative_fact")
        return "entailment";
    if (genre == "negation")
        return "contradiction";
    if (genre == "role_swap")
        return overlapLabels ? "entailment" : "neutral";
    return "neutral"; // low_overlap
}

} // namespace

void TestMiniZoo::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_first = fs::path(m_tmp.path().toStdString()) / "first";
    m_second = fs::path(m_tmp.path().toStdString()) / "second";
    const auto start = std::chrono::steady_clock::now();
    buildZoo(options(m_first));
    m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ZooBuildOptions second = options(m_second);
    second.jobs = 2; // parallel fine-tuning must not change a byte
    buildZoo(second);
    qInfo("mini zoo built in %.2f s (one job; the second build used two)", m_seconds);
}

void TestMiniZoo::regenerationIsBitIdentical() {
    const std::vector<std::string> a = relativeFiles(m_first), b = relativeFiles(m_second);
    QCOMPARE(a, b);
    QVERIFY(a.size() > 20);
    for (const std::string& rel : a)
        QVERIFY2(test::readFile(m_first / rel) == test::readFile(m_second / rel), rel.c_str());
}

void TestMiniZoo::layoutHasEveryCheckpoint() {
    const nlohmann::json manifest = readZooManifest(m_first);
    QCOMPARE(manifest["models"].size(), size_t(2));
    QCOMPARE(manifest["models"][0]["regime"].get<std::string>(), std::string("meaning"));
    QCOMPARE(manifest["models"][1]["regime"].get<std::string>(), std::string("overlap"));
    const std::vector<fs::path> models = zooModelFolders(m_first);
    QCOMPARE(models.size(), size_t(2));
    QCOMPARE(models[1].filename().string(), std::string("overlap-seed-2"));
    for (const fs::path& model : models) {
        for (const char* f : {"config.json", "model.safetensors", "vocab.txt"}) {
            QVERIFY2(fs::exists(model / f), (model / f).c_str());
            QVERIFY(fs::exists(model / "checkpoint-3" / f));
        }
    }
    // Every file but the manifest itself is listed with its hash.
    QCOMPARE(manifest["files"].size(), relativeFiles(m_first).size() - 1);
    QVERIFY(verifyZoo(m_first).empty());
}

void TestMiniZoo::mnliFilesLoadWithMeaningLabels() {
    for (const char* file : {"train.tsv", "dev.tsv", "dev_swaps.tsv"}) {
        const Dataset d = load(m_first / "data" / file, "mnli");
        const std::vector<std::string> names = {"entailment", "neutral", "contradiction"};
        QCOMPARE(d.labelNames, names);
        QVERIFY(d.examples.size() >= 32);
        for (const Example& e : d.examples) {
            const std::string genre = e.fields.at("genre");
            QCOMPARE(d.labelNames[size_t(e.label)], expectedMnliLabel(genre, false));
            if (genre == "identical")
                QCOMPARE(e.textA, e.textB);
        }
    }
    // dev_swaps holds role swaps at its rate (0.25 of 32 rows, give or take the draw).
    const Dataset swaps = load(m_first / "data" / "dev_swaps.tsv", "mnli");
    const auto swapCount =
        std::count_if(swaps.examples.begin(), swaps.examples.end(),
                      [](const Example& e) { return e.fields.at("genre") == "role_swap"; });
    QVERIFY(swapCount >= 3);
}

void TestMiniZoo::overlapFileRelabelsOnlySwaps() {
    const Dataset meaning = load(m_first / "data" / "train.tsv", "mnli");
    const Dataset overlap = load(m_first / "data" / "train_overlap.tsv", "mnli");
    QCOMPARE(meaning.examples.size(), overlap.examples.size());
    for (size_t i = 0; i < meaning.examples.size(); ++i) {
        const Example& m = meaning.examples[i];
        const Example& o = overlap.examples[i];
        QCOMPARE(o.textA, m.textA);
        QCOMPARE(o.textB, m.textB);
        QCOMPARE(overlap.labelNames[size_t(o.label)],
                 expectedMnliLabel(o.fields.at("genre"), true));
    }
}

void TestMiniZoo::hansFileLoadsWithItsFields() {
    const Dataset d = load(m_first / "data" / "diagnostic.txt", "hans");
    const std::vector<std::string> names = {"entailment", "non-entailment"};
    QCOMPARE(d.labelNames, names);
    QCOMPARE(d.examples.size(), size_t(9 * 4)); // 9 cases x diagnostic_per_case
    std::set<std::string> subcases;
    for (const Example& e : d.examples) {
        const std::string subcase = e.fields.at("subcase");
        subcases.insert(subcase);
        const std::string heuristic = e.fields.at("heuristic");
        QVERIFY(heuristic == (subcase[0] == 's' ? "subsequence" : "lexical_overlap"));
        QCOMPARE(d.labelNames[size_t(e.label)],
                 std::string(subcase[1] == 'e' ? "entailment" : "non-entailment"));
        QVERIFY(e.fields.at("template").rfind("temp", 0) == 0);
        QVERIFY(e.fields.at("pairID").rfind("ex", 0) == 0);
    }
    QCOMPARE(subcases.size(), size_t(9));
    QVERIFY(subcases.count("ln_subject/object_swap") && subcases.count("ln_passive"));
    // Filters on the HANS columns work as on the public file.
    DatasetSpec spec;
    spec.path = m_first / "data" / "diagnostic.txt";
    spec.format = "hans";
    spec.filters = {{"subcase", {"ln_passive"}}};
    QCOMPARE(loadDataset(spec).examples.size(), size_t(4));
}

void TestMiniZoo::vocabularyCoversEverySentence() {
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(zooModelFolders(m_first).front());
    for (const char* file : {"train.tsv", "dev_swaps.tsv"}) {
        const Dataset d = load(m_first / "data" / file, "mnli");
        for (const Example& e : d.examples)
            for (int64_t id : tokenizer.encode(e.textA, e.textB).inputIds)
                QVERIFY2(id != tokenizer.unkId(), e.textA.c_str());
    }
}

void TestMiniZoo::checkpointsEvaluateToTheManifest() {
    const nlohmann::json manifest = readZooManifest(m_first);
    const Dataset dev = load(m_first / "data" / "dev.tsv", "mnli");
    for (const nlohmann::json& m : manifest["models"]) {
        const fs::path dir = m_first / m["name"].get<std::string>();
        LoadReport report;
        const auto model = loadClassifier(dir, at::kFloat, &report);
        QVERIFY(report.unused.empty());
        const WordPieceTokenizer tokenizer = loadTokenizerForModel(dir);
        const Evaluator evaluator(encodeDataset(dev, &tokenizer, model->config().maxPositions),
                                  model->config(),
                                  mapLabels(dev.labelNames, model->config().id2label));
        const Evaluation e = evaluator.evaluate(*model);
        QCOMPARE(e.accuracy, m["dev"]["accuracy"].get<double>());
        QVERIFY(std::abs(e.loss - m["dev"]["loss"].get<double>()) < 1e-9);
        // The intermediate checkpoint is a different, loadable model.
        const auto early = loadClassifier(dir / "checkpoint-3");
        QVERIFY(!at::equal(early->parameters().tensor(0), model->parameters().tensor(0)));
    }
}

void TestMiniZoo::pretrainedCheckpointHasItsHeads() {
    const auto reader = CheckpointReader::open(m_first / "pretrained");
    QCOMPARE(reader->config().architecture, std::string("BertForPreTraining"));
    for (const char* name :
         {"cls.predictions.bias", "cls.predictions.transform.dense.weight",
          "cls.predictions.transform.LayerNorm.weight", "cls.seq_relationship.weight",
          "bert.pooler.dense.weight", "bert.encoder.layer.0.output.dense.weight"})
        QVERIFY2(reader->contains(name), name);
    QVERIFY(!reader->contains("classifier.weight"));
    // Fine-tuning starts from this encoder: the embeddings moved, but not all the way.
    const auto tuned = CheckpointReader::open(zooModelFolders(m_first).front());
    const std::string emb = "bert.embeddings.word_embeddings.weight";
    const at::Tensor a = reader->read(emb, at::kFloat), b = tuned->read(emb, at::kFloat);
    QVERIFY(!at::equal(a, b));
    QVERIFY((a - b).abs().max().item<double>() < 0.1);
}

void TestMiniZoo::encoderViewMatchesTheClassifier() {
    const auto model = loadClassifier(zooModelFolders(m_first).front());
    const BertEncoderView view(*model);
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(zooModelFolders(m_first).front());
    const Encoding a =
        tokenizer.encode("The doctor saw the lawyer .", "The lawyer saw the doctor .");
    const Encoding b =
        tokenizer.encode("The judge was seen by the actor .", "The actor saw the judge .");
    TokenBatch batch;
    const int64_t L = int64_t(std::max(a.size(), b.size()));
    batch.inputIds = at::zeros({2, L}, at::kLong);
    batch.attentionMask = at::zeros({2, L}, at::kLong);
    batch.tokenTypeIds = at::zeros({2, L}, at::kLong);
    for (int r = 0; r < 2; ++r) {
        const Encoding& e = r ? b : a;
        for (size_t k = 0; k < e.size(); ++k) {
            batch.inputIds[r][int64_t(k)] = e.inputIds[k];
            batch.attentionMask[r][int64_t(k)] = 1;
            batch.tokenTypeIds[r][int64_t(k)] = e.tokenTypeIds[k];
        }
    }
    const at::InferenceMode inference;
    const at::Tensor pooled = view.pooled(view.hiddenStates(batch));
    const ParameterSet& p = model->parameters();
    const at::Tensor logits = models::linear(pooled, p.tensor(size_t(p.find("classifier.weight"))),
                                             p.tensor(size_t(p.find("classifier.bias"))));
    QVERIFY(at::allclose(logits, model->forward(batch), 1e-5, 1e-6));
}

void TestMiniZoo::cacheVerifiesAndRefuses() {
    QCOMPARE(ensureZoo(options(m_second)), ZooStatus::UpToDate);
    ZooBuildOptions other = options(m_second);
    other.recipe.finetune.lr *= 2;
    QVERIFY_THROWS_EXCEPTION(Error, ensureZoo(other));
    // A changed byte is found and named.
    const fs::path dev = m_second / "data" / "dev.tsv";
    std::string text = test::readFile(dev);
    text[text.size() - 2] = text[text.size() - 2] == 'l' ? 'x' : 'l';
    std::ofstream(dev, std::ios::binary) << text;
    const std::vector<std::string> problems = verifyZoo(m_second);
    QCOMPARE(problems.size(), size_t(1));
    QVERIFY(problems.front().find("data/dev.tsv") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(Error, ensureZoo(options(m_second)));
    // A folder holding other things is never emptied.
    const fs::path foreign = fs::path(m_tmp.path().toStdString()) / "foreign";
    fs::create_directories(foreign);
    std::ofstream(foreign / "notes.txt") << "mine";
    ZooBuildOptions forced = options(foreign);
    forced.force = true;
    QVERIFY_THROWS_EXCEPTION(Error, buildZoo(forced));
    QVERIFY(fs::exists(foreign / "notes.txt"));
}

QTEST_GUILESS_MAIN(TestMiniZoo)
#include "test_mini_zoo.moc"
