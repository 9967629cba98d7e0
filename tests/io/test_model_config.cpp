// readModelConfig / writeModelConfig: the fixtures' config.json files, normalisation of
// DistilBERT's field names, labels, and the settings that must be refused.
#include "core/common/error.h"
#include "core/io/model_config.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

namespace {

std::filesystem::path hf(const char* name) {
    return bs::test::fixturesDir() / "hf" / name;
}

// Writes `text` as config.json in `dir` and returns its path.
std::filesystem::path writeConfig(const QTemporaryDir& dir, const std::string& text) {
    const std::filesystem::path path =
        std::filesystem::path(dir.path().toStdString()) / "config.json";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path;
}

// The fixture BERT config with one field replaced (or removed when `value` is empty).
std::string bertWith(const std::string& field, const std::string& value) {
    nlohmann::json j = nlohmann::json::parse(bs::test::readFile(hf("bert-seed1") / "config.json"));
    if (value.empty())
        j.erase(field);
    else
        j[field] = nlohmann::json::parse(value);
    return j.dump(2);
}

QString errorOf(const std::filesystem::path& path) {
    try {
        bs::readModelConfig(path);
    } catch (const bs::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestModelConfig : public QObject {
    Q_OBJECT
private slots:
    void readsBertFixture() {
        BS_REQUIRE_FIXTURES();
        const bs::ModelConfig c = bs::readModelConfig(hf("bert-seed1"));
        QCOMPARE(c.family, bs::ModelFamily::Bert);
        QCOMPARE(c.modelType, std::string("bert"));
        QCOMPARE(c.architecture, std::string("BertForSequenceClassification"));
        QCOMPARE(c.vocabSize, int64_t(1365));
        QCOMPARE(c.hiddenSize, int64_t(64));
        QCOMPARE(c.numLayers, int64_t(2));
        QCOMPARE(c.numHeads, int64_t(4));
        QCOMPARE(c.headDim(), int64_t(16));
        QCOMPARE(c.intermediateSize, int64_t(128));
        QCOMPARE(c.maxPositions, int64_t(128));
        QCOMPARE(c.typeVocabSize, int64_t(2));
        QCOMPARE(c.padTokenId, int64_t(0));
        QCOMPARE(c.hiddenAct, std::string("gelu"));
        QCOMPARE(c.layerNormEps, 1e-12);
        QCOMPARE(c.hiddenDropout, 0.1);
        QCOMPARE(c.attentionDropout, 0.1);
        QCOMPARE(c.classifierDropout, 0.1); // classifier_dropout null -> hidden_dropout_prob
        QCOMPARE(c.initializerRange, 0.02);
        QCOMPARE(c.id2label, (std::vector<std::string>{"LABEL_0", "LABEL_1", "LABEL_2"}));
        QCOMPARE(c.numLabels(), int64_t(3));
        // The file itself or its folder.
        QCOMPARE(bs::readModelConfig(hf("bert-seed1") / "config.json").hiddenSize, int64_t(64));
    }

    void readsRobertaFixture() {
        BS_REQUIRE_FIXTURES();
        const bs::ModelConfig c = bs::readModelConfig(hf("roberta-seed1"));
        QCOMPARE(c.family, bs::ModelFamily::Roberta);
        QCOMPARE(c.maxPositions, int64_t(130));
        QCOMPARE(c.typeVocabSize, int64_t(1));
        QCOMPARE(c.padTokenId, int64_t(0));
        QCOMPARE(c.numLabels(), int64_t(3));
    }

    void normalisesDistilBert() {
        BS_REQUIRE_FIXTURES();
        const bs::ModelConfig c = bs::readModelConfig(hf("distilbert-seed1"));
        QCOMPARE(c.family, bs::ModelFamily::DistilBert);
        QCOMPARE(c.hiddenSize, int64_t(64));        // dim
        QCOMPARE(c.numLayers, int64_t(2));          // n_layers
        QCOMPARE(c.numHeads, int64_t(4));           // n_heads
        QCOMPARE(c.intermediateSize, int64_t(128)); // hidden_dim
        QCOMPARE(c.hiddenAct, std::string("gelu")); // activation
        QCOMPARE(c.typeVocabSize, int64_t(0));
        QCOMPARE(c.classifierDropout, 0.2); // seq_classif_dropout
        QCOMPARE(c.hiddenDropout, 0.1);     // dropout
        QCOMPARE(c.attentionDropout, 0.1);  // attention_dropout
        QCOMPARE(c.layerNormEps, 1e-12);
        QCOMPARE(c.maxPositions, int64_t(128));
    }

    void familyNames() {
        QCOMPARE(std::string(bs::familyName(bs::ModelFamily::Bert)), std::string("bert"));
        QCOMPARE(std::string(bs::familyName(bs::ModelFamily::Roberta)), std::string("roberta"));
        QCOMPARE(std::string(bs::familyName(bs::ModelFamily::DistilBert)),
                 std::string("distilbert"));
    }

    void labelsOrderedById() {
        BS_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto path = writeConfig(
            dir,
            bertWith("id2label", R"({"2": "neutral", "0": "entailment", "1": "contradiction"})"));
        QCOMPARE(bs::readModelConfig(path).id2label,
                 (std::vector<std::string>{"entailment", "contradiction", "neutral"}));
    }

    void labelsDefaultFromNumLabels() {
        BS_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto path = writeConfig(dir, bertWith("num_labels", "4"));
        // (bertWith keeps id2label; drop it through a second edit)
        nlohmann::json j = nlohmann::json::parse(bs::test::readFile(path));
        j.erase("id2label");
        writeConfig(dir, j.dump());
        QCOMPARE(bs::readModelConfig(path).id2label,
                 (std::vector<std::string>{"LABEL_0", "LABEL_1", "LABEL_2", "LABEL_3"}));
        // Neither id2label nor num_labels: transformers' default of two labels.
        writeConfig(dir, bertWith("id2label", ""));
        QCOMPARE(bs::readModelConfig(path).id2label,
                 (std::vector<std::string>{"LABEL_0", "LABEL_1"}));
    }

    void refusesBadLabels() {
        BS_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto path = writeConfig(dir, bertWith("id2label", R"({"0": "a", "2": "c"})"));
        QVERIFY(errorOf(path).contains("no entry for class id 1"));
        writeConfig(dir, bertWith("id2label", R"({"0": "a", "x": "c"})"));
        QVERIFY(errorOf(path).contains("\"x\""));
        writeConfig(dir, bertWith("id2label", R"({"0": "a", "00": "c"})"));
        QVERIFY(errorOf(path).contains("twice"));
    }

    void refusesUnsupportedSettings_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("relative positions") << "position_embedding_type"
                                            << "\"relative_key\""
                                            << "position_embedding_type";
        QTest::newRow("decoder") << "is_decoder"
                                 << "true"
                                 << "is_decoder";
        QTest::newRow("cross attention") << "add_cross_attention"
                                         << "true"
                                         << "add_cross_attention";
        QTest::newRow("model type") << "model_type"
                                    << "\"gpt2\""
                                    << "gpt2";
        QTest::newRow("activation") << "hidden_act"
                                    << "\"quick_gelu\""
                                    << "quick_gelu";
        QTest::newRow("heads") << "num_attention_heads"
                               << "5"
                               << "not divisible";
        QTest::newRow("negative") << "hidden_size"
                                  << "-1"
                                  << "'hidden_size' must be a positive";
        QTest::newRow("string size") << "num_hidden_layers"
                                     << "\"2\""
                                     << "num_hidden_layers";
        QTest::newRow("missing") << "vocab_size"
                                 << ""
                                 << "missing field 'vocab_size'";
        QTest::newRow("pad") << "pad_token_id"
                             << "5000"
                             << "pad_token_id";
        QTest::newRow("dropout") << "hidden_dropout_prob"
                                 << "1.5"
                                 << "hidden_dropout_prob";
    }
    void refusesUnsupportedSettings() {
        BS_REQUIRE_FIXTURES();
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = writeConfig(dir, bertWith(field.toStdString(), value.toStdString()));
        const QString error = errorOf(path);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(bs::test::toQString(path)), qPrintable(error)); // names the file
    }

    void refusesSinusoidalDistilBert() {
        BS_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        std::string text = bs::test::readFile(hf("distilbert-seed1") / "config.json");
        text.replace(text.find("\"sinusoidal_pos_embds\": false"), 29,
                     "\"sinusoidal_pos_embds\": true");
        const QString error = errorOf(writeConfig(dir, text));
        QVERIFY2(error.contains("sinusoidal_pos_embds"), qPrintable(error));
    }

    void refusesBadFiles() {
        QTemporaryDir dir;
        const auto path = writeConfig(dir, "{\"model_type\": \"bert\", ");
        QVERIFY(errorOf(path).contains("not valid JSON"));
        writeConfig(dir, "[1, 2]");
        QVERIFY(errorOf(path).contains("JSON object"));
        const auto missing =
            std::filesystem::path(dir.path().toStdString()) / "nope" / "config.json";
        QVERIFY(errorOf(missing).contains("file not found"));
    }

    void writeThenReadRoundTrips_data() {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("bert") << "bert-seed1";
        QTest::newRow("roberta") << "roberta-seed1";
        QTest::newRow("distilbert") << "distilbert-seed1";
    }
    void writeThenReadRoundTrips() {
        BS_REQUIRE_FIXTURES();
        QFETCH(QString, fixture);
        bs::ModelConfig c = bs::readModelConfig(hf(fixture.toStdString().c_str()));
        c.id2label = {"entailment", "neutral", "contradiction"};
        c.hiddenDropout = 0.05;
        QTemporaryDir dir;
        const auto path = std::filesystem::path(dir.path().toStdString()) / "config.json";
        bs::writeModelConfig(c, path);
        const bs::ModelConfig r = bs::readModelConfig(path);
        QCOMPARE(r.family, c.family);
        QCOMPARE(r.modelType, c.modelType);
        QCOMPARE(r.architecture, c.architecture);
        QCOMPARE(r.vocabSize, c.vocabSize);
        QCOMPARE(r.hiddenSize, c.hiddenSize);
        QCOMPARE(r.numLayers, c.numLayers);
        QCOMPARE(r.numHeads, c.numHeads);
        QCOMPARE(r.intermediateSize, c.intermediateSize);
        QCOMPARE(r.maxPositions, c.maxPositions);
        QCOMPARE(r.typeVocabSize, c.typeVocabSize);
        QCOMPARE(r.padTokenId, c.padTokenId);
        QCOMPARE(r.hiddenAct, c.hiddenAct);
        QCOMPARE(r.layerNormEps, c.layerNormEps);
        QCOMPARE(r.id2label, c.id2label);
        QCOMPARE(r.hiddenDropout, c.hiddenDropout);
        QCOMPARE(r.attentionDropout, c.attentionDropout);
        QCOMPARE(r.classifierDropout, c.classifierDropout);
        QCOMPARE(r.initializerRange, c.initializerRange);
        // No temporary file is left next to it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"config.json"});
    }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
