// Damaged config.json files, weights and vocabularies: a clear error naming the file and the
// field (or tensor) within a second, before anything large is allocated.
#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/model_config.h"
#include "core/io/torch_zip.h"
#include "core/text/tokenizer_loader.h"
#include "tests/io/io_test_util.h"
#include "tests/io/pickle_builder.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A tiny BERT classifier config whose sizes match tinyWeights().
json tinyConfig() {
    return {{"model_type", "bert"},
            {"vocab_size", 10},
            {"hidden_size", 4},
            {"num_hidden_layers", 1},
            {"num_attention_heads", 2},
            {"intermediate_size", 8},
            {"max_position_embeddings", 8},
            {"type_vocab_size", 2},
            {"hidden_act", "gelu"},
            {"layer_norm_eps", 1e-12},
            {"id2label", {{"0", "no"}, {"1", "yes"}}}};
}

std::string floatBytes(const std::vector<float>& values) {
    return std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4);
}

// model.safetensors with the embedding and feed-forward tensors of tinyConfig(), plus
// classifier.bias holding `bias`.
std::string tinyWeights(const std::vector<float>& bias) {
    const std::vector<std::pair<std::string, std::vector<int64_t>>> shapes = {
        {"bert.embeddings.word_embeddings.weight", {10, 4}},
        {"bert.embeddings.position_embeddings.weight", {8, 4}},
        {"bert.embeddings.token_type_embeddings.weight", {2, 4}},
        {"bert.encoder.layer.0.intermediate.dense.weight", {8, 4}},
        {"classifier.bias", {static_cast<int64_t>(bias.size())}}};
    json header = json::object();
    std::string data;
    for (const auto& [name, shape] : shapes) {
        const int64_t n = shape.size() == 2 ? shape[0] * shape[1] : shape[0];
        const std::string bytes =
            name == "classifier.bias" ? floatBytes(bias) : std::string(size_t(n) * 4, '\0');
        header[name] = {{"dtype", "F32"},
                        {"shape", shape},
                        {"data_offsets", {data.size(), data.size() + bytes.size()}}};
        data += bytes;
    }
    return bs::test::safetensorsBytes(header.dump(), data);
}

} // namespace

class TestHostileConfigs : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_folders = 0;

    // A new checkpoint folder with `config` and tinyWeights(bias).
    fs::path folder(const json& config, const std::vector<float>& bias = {0.f, 0.f}) {
        const fs::path dir =
            fs::path(m_tmp.path().toStdString()) / ("m" + std::to_string(++m_folders));
        fs::create_directories(dir);
        bs::test::writeBytes(dir / "config.json", config.dump());
        bs::test::writeBytes(dir / "model.safetensors", tinyWeights(bias));
        return dir;
    }
    // The error of reading `config` alone, checked to arrive within a second.
    QString configError(const json& config) {
        const fs::path dir = folder(config);
        QElapsedTimer timer;
        timer.start();
        const QString message =
            bs::test::errorMessage([&] { bs::readModelConfig(dir / "config.json"); });
        if (timer.elapsed() >= 1000)
            QTest::qFail(qPrintable(QString("the error took %1 ms").arg(timer.elapsed())), __FILE__,
                         __LINE__);
        return message;
    }
    static void expect(const QString& message, const QString& part) {
        QVERIFY2(message.contains(part), qPrintable("expected '" + part + "' in: " + message));
    }

private slots:
    void tinyFolderLoads() {
        const auto reader = bs::CheckpointReader::open(folder(tinyConfig()));
        QCOMPARE(reader->read("classifier.bias", at::kFloat).size(0), 2);
    }

    // num_hidden_layers 2^63-1 built layers for 15 s, intermediate_size 2^31 asked for 550 GB,
    // type_vocab_size 2^53 ended in a c10 backtrace.
    void absurdSizes() {
        json c = tinyConfig();
        c["num_hidden_layers"] = std::numeric_limits<int64_t>::max();
        expect(configError(c), "config.json: field 'num_hidden_layers' is 9223372036854775807, "
                               "more than BasinScope accepts (at most 1024)");
        c = tinyConfig();
        c["intermediate_size"] = int64_t(1) << 31;
        expect(configError(c), "field 'intermediate_size' is 2147483648, more than BasinScope "
                               "accepts (at most 262144)");
        c = tinyConfig();
        c["type_vocab_size"] = int64_t(1) << 53;
        expect(configError(c), "field 'type_vocab_size' is 9007199254740992, more than");
        // Each size within bounds, the product absurd.
        c = tinyConfig();
        c["hidden_size"] = 65536;
        c["num_attention_heads"] = 1;
        c["intermediate_size"] = 262144;
        c["num_hidden_layers"] = 1024;
        expect(configError(c), "billion parameters (hidden size 65536, 1024 layers");
    }

    // Sizes within bounds that the weights contradict are refused before a model is built.
    void sizesAgainstWeights() {
        json c = tinyConfig();
        c["intermediate_size"] = 131072;
        const fs::path dir = folder(c);
        QElapsedTimer timer;
        timer.start();
        QString message = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        QVERIFY(timer.elapsed() < 1000);
        expect(message, "config.json: field 'intermediate_size' is 131072, but tensor "
                        "'bert.encoder.layer.0.intermediate.dense.weight' in ");
        expect(message, "has shape [8, 4] (rows = intermediate_size)");
        c = tinyConfig();
        c["num_hidden_layers"] = 1000;
        expect(bs::test::errorMessage([&] { bs::CheckpointReader::open(folder(c)); }),
               "field 'num_hidden_layers' is 1000, but ");
        c = tinyConfig();
        c["vocab_size"] = 30522;
        expect(bs::test::errorMessage([&] { bs::CheckpointReader::open(folder(c)); }),
               "field 'vocab_size' is 30522, but tensor 'bert.embeddings.word_embeddings.weight'");
        c = tinyConfig();
        c["type_vocab_size"] = 16;
        expect(bs::test::errorMessage([&] { bs::CheckpointReader::open(folder(c)); }),
               "field 'type_vocab_size' is 16");
    }

    void absurdLayerNormEps() {
        json c = tinyConfig();
        c["layer_norm_eps"] = 1e308;
        expect(configError(c), "field 'layer_norm_eps' must be a positive number of at most 0.1, "
                               "found 1e+308");
    }

    void nullActivation() {
        json c = tinyConfig();
        c["hidden_act"] = nullptr;
        expect(configError(c), "field 'hidden_act' is null; expected one of gelu");
        json d = {{"model_type", "distilbert"},
                  {"vocab_size", 10},
                  {"dim", 4},
                  {"n_layers", 1},
                  {"n_heads", 2},
                  {"hidden_dim", 8},
                  {"activation", nullptr}};
        expect(configError(d), "field 'activation' is null");
    }

    void deeplyNestedConfig() {
        const fs::path dir = fs::path(m_tmp.path().toStdString()) / "deep";
        fs::create_directories(dir);
        bs::test::writeBytes(dir / "config.json",
                             "{\"model_type\": \"bert\", \"x\": " + std::string(200000, '[') +
                                 std::string(200000, ']') + "}");
        expect(bs::test::errorMessage([&] { bs::readModelConfig(dir / "config.json"); }),
               "config.json: JSON nested more than 64 levels deep");
    }

    // NaN and Inf weights were loaded silently and averaged into every loss.
    void nonFiniteWeights() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const float inf = std::numeric_limits<float>::infinity();
        auto reader = bs::CheckpointReader::open(folder(tinyConfig(), {0.f, nan}));
        QString message =
            bs::test::errorMessage([&] { reader->read("classifier.bias", at::kFloat); });
        expect(message, "model.safetensors: tensor 'classifier.bias' holds NaN at element 1 "
                        "(shape [2])");
        reader = bs::CheckpointReader::open(folder(tinyConfig(), {-inf, 0.f}));
        expect(bs::test::errorMessage([&] { reader->read("classifier.bias", at::kDouble); }),
               "tensor 'classifier.bias' holds -Inf at element 0");
        // F16 overflow on conversion is not what this guards; finite values pass.
        reader = bs::CheckpointReader::open(folder(tinyConfig(), {1.f, -2.f}));
        QCOMPARE(reader->read("classifier.bias", at::kFloat)[1].item<float>(), -2.f);
    }

    // LibTorch's zip reader does not check CRCs, so damaged storages loaded silently.
    void zipRecordWithBadCrc() {
        const std::string values = floatBytes({1.25f, 2.5f, 3.75f, 5.0f});
        std::map<std::string, std::string> storages{{"0", values}};
        bs::test::PickleBuilder p;
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce();
        p.unicode("w").tensor("FloatStorage", "0", 4, 0, {4}, {1}).setitem().stop();
        const fs::path path = fs::path(m_tmp.path().toStdString()) / "pytorch_model.bin";
        bs::test::writeTorchArchive(path.string(), p.bytes(), storages);
        QCOMPARE(bs::TorchZipFile(path).read("w", at::kFloat)[3].item<float>(), 5.0f);
        std::string bytes = bs::test::readFile(path);
        const size_t at = bytes.find(values);
        QVERIFY(at != std::string::npos);
        bytes[at + 5] ^= 0x10;
        bs::test::writeBytes(path, bytes);
        const QString message =
            bs::test::errorMessage([&] { bs::TorchZipFile(path).read("w", at::kFloat); });
        expect(message, "pytorch_model.bin: record 'data/0' fails its checksum (CRC-32 0x");
        expect(message, "the file is damaged");
    }

    // LibTorch's zip reader leaks when its constructor throws, so what it throws on is refused
    // first (the fuzzer's inputs, kept in fuzz/regressions/torch_zip).
    void zipLayoutCheckedFirst() {
        const fs::path dir =
            bs::test::testDataDir() / ".." / ".." / "fuzz" / "regressions" / "torch_zip";
        const auto error = [&](const char* name) {
            return bs::test::errorMessage([&] { bs::TorchZipFile(dir / name); });
        };
        expect(error("duplicate_record"), "record 'archive/data/1' appears twice in the zip "
                                          "directory; the file is damaged");
        expect(error("empty_record_name"),
               "record '' is not in the archive's top folder 'archive/'");
        expect(error("version_outside_top_folder"), "record 'archivm/version' is not in the "
                                                    "archive's top folder 'archive/'");
        expect(error("version_unknown_method"), "the archive's version record cannot be read (it "
                                                "is compressed, encrypted, a folder or has two "
                                                "sizes)");
        // LibTorch allocated the 4 GB a record claimed before reading it.
        expect(bs::test::errorMessage([&] {
                   bs::TorchZipFile file(dir / "record_claims_4gb");
                   for (const bs::TensorInfo& info : file.tensors())
                       file.read(info.name, at::kFloat);
               }),
               "claims 4294967295 bytes, more than the archive can hold; the file is damaged");
        expect(error("version_marked_as_folder"),
               "version record cannot be read (it is "
               "compressed, encrypted, a folder or has two sizes)");
        expect(error("version_local_header_mismatch"),
               "the archive's version record cannot be read");
    }

    // A vocab.txt larger than the model's vocab_size used to be blamed on a dataset row.
    void vocabLargerThanModel() {
        const fs::path dir = fs::path(m_tmp.path().toStdString()) / "vocab";
        fs::create_directories(dir);
        bs::test::writeBytes(dir / "vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\nb\nc\n");
        json c = tinyConfig();
        c["vocab_size"] = 6;
        bs::test::writeBytes(dir / "config.json", c.dump());
        const QString message = bs::test::errorMessage([&] { bs::loadTokenizerForModel(dir); });
        expect(message, "vocab.txt: 8 tokens, but field 'vocab_size' of ");
        expect(message, "config.json is 6: ids 6..7 have no row in the model's embedding table");
        c["vocab_size"] = 8;
        bs::test::writeBytes(dir / "config.json", c.dump());
        QCOMPARE(bs::loadTokenizerForModel(dir).vocabSize(), int64_t(8));
    }
};

QTEST_GUILESS_MAIN(TestHostileConfigs)
#include "test_hostile_configs.moc"
