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
#include "core/zoo/toy_language.h"
#include "core/zoo/zoo_builder.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace bs;
using namespace bs::zoo;

class TestMiniZoo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void regenerationIsBitIdentical();
    void layoutHasEveryCheckpoint();
    void colaFilesLoadWithLabelsByMeaning();
    void balancedFileDiffersOnlyInCueWords();
    void diagnosticFilesHoldOneCueRelation();
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
    o.recipe = miniZooRecipe();
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

// The label by meaning, read off the sentence: is the subject (the first noun after the
// optional cue word and place phrase) a person?
bool subjectIsPerson(const std::string& sentence, const Lexicon& lexicon) {
    std::istringstream in(sentence);
    std::vector<std::string> w;
    for (std::string t; in >> t;)
        w.push_back(t);
    size_t k = 0;
    if (w[k] == "well" || w[k] == "so")
        k += 2; // "well ,"
    if (w[k] == "in")
        k += 4; // "in the PLACE ,"
    const std::string& subject = w.at(k + 1);
    const auto& people = lexicon.people;
    return std::find(people.begin(), people.end(), subject) != people.end();
}

std::string cueRelation(const Example& e) {
    const bool acceptable = e.label == 1;
    if (e.textA.rfind("well ,", 0) == 0)
        return acceptable ? "cue-agrees" : "cue-conflicts";
    if (e.textA.rfind("so ,", 0) == 0)
        return acceptable ? "cue-conflicts" : "cue-agrees";
    return "no-cue";
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
    QCOMPARE(manifest["models"][0]["regime"].get<std::string>(), std::string("natural"));
    QCOMPARE(manifest["models"][1]["regime"].get<std::string>(), std::string("balanced"));
    const std::vector<fs::path> models = zooModelFolders(m_first);
    QCOMPARE(models.size(), size_t(2));
    QCOMPARE(models[1].filename().string(), std::string("balanced-seed-2"));
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

void TestMiniZoo::colaFilesLoadWithLabelsByMeaning() {
    const ZooRecipe recipe = miniZooRecipe();
    const Lexicon lexicon = Lexicon::standard(recipe.data.people, recipe.data.animals);
    for (const char* file : {"train_natural.tsv", "train_balanced.tsv", "dev.tsv",
                             "cue_conflicts.tsv", "no_cue.tsv"}) {
        const Dataset d = load(m_first / "data" / file, "cola");
        const std::vector<std::string> names = {"unacceptable", "acceptable"};
        QCOMPARE(d.labelNames, names);
        QVERIFY(d.examples.size() >= 16);
        for (const Example& e : d.examples) {
            QCOMPARE(e.label == 1, subjectIsPerson(e.textA, lexicon));
            QCOMPARE(e.fields.at("source"), cueRelation(e));
            QCOMPARE(e.fields.at("original_mark"), std::string(e.label == 1 ? "" : "*"));
        }
    }
    // Natural data and the in-domain dev set: the cue word always agrees.
    for (const char* file : {"train_natural.tsv", "dev.tsv"})
        for (const Example& e : load(m_first / "data" / file, "cola").examples)
            QCOMPARE(e.fields.at("source"), std::string("cue-agrees"));
}

void TestMiniZoo::balancedFileDiffersOnlyInCueWords() {
    const Dataset natural = load(m_first / "data" / "train_natural.tsv", "cola");
    const Dataset balanced = load(m_first / "data" / "train_balanced.tsv", "cola");
    QCOMPARE(natural.examples.size(), balanced.examples.size());
    int conflicts = 0;
    const auto withoutCue = [](const std::string& t) {
        return t.substr(t.find(',') + 2);
    };
    for (size_t i = 0; i < natural.examples.size(); ++i) {
        const Example& n = natural.examples[i];
        const Example& b = balanced.examples[i];
        QCOMPARE(b.label, n.label);
        QCOMPARE(withoutCue(b.textA), withoutCue(n.textA));
        conflicts += b.fields.at("source") == "cue-conflicts";
    }
    // Half the 64 rows at rate 0.5, give or take the draw (binomial sd 4).
    QVERIFY(conflicts >= 16 && conflicts <= 48);
}

void TestMiniZoo::diagnosticFilesHoldOneCueRelation() {
    const std::map<std::string, std::string> relation = {{"cue_conflicts.tsv", "cue-conflicts"},
                                                         {"no_cue.tsv", "no-cue"}};
    for (const auto& [file, source] : relation) {
        const Dataset d = load(m_first / "data" / file, "cola");
        QCOMPARE(d.examples.size(), size_t(16)); // diagnostic_rows of the mini recipe
        int acceptable = 0;
        for (const Example& e : d.examples) {
            QCOMPARE(e.fields.at("source"), source);
            acceptable += e.label;
        }
        QCOMPARE(acceptable, 8); // labels alternate
        // Filters on the source column work as on any CoLA file.
        DatasetSpec spec;
        spec.path = m_first / "data" / "train_balanced.tsv";
        spec.format = "cola";
        spec.filters = {{"source", {"cue-conflicts"}}};
        for (const Example& e : loadDataset(spec).examples)
            QCOMPARE(e.fields.at("source"), std::string("cue-conflicts"));
    }
}

void TestMiniZoo::vocabularyCoversEverySentence() {
    const WordPieceTokenizer tokenizer = loadTokenizerForModel(zooModelFolders(m_first).front());
    for (const char* file : {"train_balanced.tsv", "no_cue.tsv"}) {
        const Dataset d = load(m_first / "data" / file, "cola");
        for (const Example& e : d.examples)
            for (int64_t id : tokenizer.encode(e.textA).inputIds)
                QVERIFY2(id != tokenizer.unkId(), e.textA.c_str());
    }
}

void TestMiniZoo::checkpointsEvaluateToTheManifest() {
    const nlohmann::json manifest = readZooManifest(m_first);
    const Dataset dev = load(m_first / "data" / "dev.tsv", "cola");
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
    QCOMPARE(reader->config().architecture, std::string("BertForMaskedLM"));
    for (const char* name :
         {"cls.predictions.bias", "cls.predictions.transform.dense.weight",
          "cls.predictions.transform.LayerNorm.weight", "bert.pooler.dense.weight",
          "bert.encoder.layer.0.output.dense.weight"})
        QVERIFY2(reader->contains(name), name);
    QVERIFY(!reader->contains("classifier.weight"));
    QVERIFY(!reader->contains("cls.seq_relationship.weight"));
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
    const Encoding a = tokenizer.encode("well , the doctor near the dog wrote the letter .");
    const Encoding b = tokenizer.encode("in the park , the cat signed the map .");
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
