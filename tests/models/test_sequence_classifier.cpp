// Tests of the BERT-family sequence classifiers against Hugging Face reference logits.

#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/model_config.h"
#include "core/models/sequence_classifier.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <QtTest/QtTest>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <fstream>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const char* const kModels[] = {"bert-seed1", "bert-seed2", "roberta-seed1", "distilbert-seed1"};

fs::path hfDir() {
    return bs::test::fixturesDir() / "hf";
}

const json& reference() {
    static const json ref = json::parse(bs::test::readFile(hfDir() / "logits_reference.json"));
    return ref;
}

at::Tensor matrix(const json& rows, at::ScalarType dtype) {
    std::vector<at::Tensor> out;
    for (const json& row : rows) {
        std::vector<double> values = row.get<std::vector<double>>();
        out.push_back(at::tensor(values, at::dtype(at::kDouble)));
    }
    return at::stack(out).to(dtype);
}

at::Tensor ids(const json& rows) {
    std::vector<at::Tensor> out;
    for (const json& row : rows)
        out.push_back(at::tensor(row.get<std::vector<int64_t>>(), at::dtype(at::kLong)));
    return at::stack(out);
}

// transformers got token_type_ids for BERT only.
bs::TokenBatch batchFrom(const json& b, bs::ModelFamily family) {
    bs::TokenBatch batch;
    batch.inputIds = ids(b.at("input_ids"));
    batch.attentionMask = ids(b.at("attention_mask"));
    if (family == bs::ModelFamily::Bert)
        batch.tokenTypeIds = ids(b.at("token_type_ids"));
    return batch;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b) {
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

std::unique_ptr<bs::SequenceClassifier> load(const std::string& name, bs::CheckpointFormat format,
                                             at::ScalarType dtype, bs::LoadReport* report) {
    const auto checkpoint = bs::CheckpointReader::open(hfDir() / name, format);
    auto model = bs::createClassifier(checkpoint->config(), dtype);
    bs::LoadReport r = bs::loadWeights(*model, *checkpoint);
    if (report)
        *report = r;
    return model;
}

// Writes a .safetensors file in the public layout (u64 header length, JSON, data).
void writeSafetensors(const fs::path& file, const std::vector<bs::NamedTensor>& tensors) {
    json header = json::object();
    std::string data;
    for (const auto& [name, tensor] : tensors) {
        const at::Tensor t = tensor.contiguous();
        const char* dtype = t.scalar_type() == at::kFloat  ? "F32"
                            : t.scalar_type() == at::kLong ? "I64"
                                                           : nullptr;
        QVERIFY2(dtype, "test helper writes F32 and I64 only");
        const size_t bytes = static_cast<size_t>(t.numel()) * t.element_size();
        header[name] = {{"dtype", dtype},
                        {"shape", t.sizes().vec()},
                        {"data_offsets", {data.size(), data.size() + bytes}}};
        data.append(static_cast<const char*>(t.data_ptr()), bytes);
    }
    header["__metadata__"] = {{"format", "pt"}};
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const uint64_t length = text.size();
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(&length), 8); // little-endian host
    out << text << data;
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const bs::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestSequenceClassifier : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { BS_REQUIRE_FIXTURES(); }

    void logitsMatchTransformers_data();
    void logitsMatchTransformers();
    void loadClassifierReportsNothingUnusual();
    void refusesCheckpointOfAnotherFamily();
    void listsEveryMissingParameter();
    void listsShapeMismatches();
    void acceptsLegacyNamesAndListsUnused();
    void paddingDoesNotChangeLogits();
    void inferenceModeMatchesGradMode();
    void rebindTakesEffect();
    void dropoutFollowsGenerator_data();
    void dropoutFollowsGenerator();
    void gradientsReachEveryParameter_data();
    void gradientsReachEveryParameter();
    void initializeWeightsFollowsHuggingFace();
    void activationsMatchTheirFormulas();
    void refusesBadBatchesAndConfigs();
};

void TestSequenceClassifier::logitsMatchTransformers_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("fp64");
    for (const char* model : kModels)
        for (const auto format :
             {bs::CheckpointFormat::Safetensors, bs::CheckpointFormat::TorchZip})
            for (const bool fp64 : {false, true})
                QTest::addRow("%s/%s/%s", model, bs::checkpointFormatName(format),
                              fp64 ? "fp64" : "fp32")
                    << model << int(format) << fp64;
}

void TestSequenceClassifier::logitsMatchTransformers() {
    QFETCH(QString, model);
    QFETCH(int, format);
    QFETCH(bool, fp64);
    const at::ScalarType dtype = fp64 ? at::kDouble : at::kFloat;
    bs::LoadReport report;
    const auto net =
        load(model.toStdString(), static_cast<bs::CheckpointFormat>(format), dtype, &report);
    const json& ref = reference();
    const json& expected = ref.at("models").at(model.toStdString());
    const bs::ModelFamily family = net->config().family;

    const at::Tensor pair = net->forward(batchFrom(ref, family));
    QCOMPARE(pair.scalar_type(), dtype);
    QCOMPARE(pair.sizes().vec(), (std::vector<int64_t>{7, 3}));
    const double pairError = maxAbsDiff(pair, matrix(expected.at("logits_fp64"), at::kDouble));
    const at::Tensor random = net->forward(batchFrom(ref.at("random_batch"), family));
    const double randomError =
        maxAbsDiff(random, matrix(expected.at("random_batch_logits_fp32"), at::kDouble));
    qInfo("max |ours - transformers|: pair batch vs fp64 %.3g, random batch vs fp32 %.3g",
          pairError, randomError);
    QVERIFY2(pairError <= (fp64 ? 1e-12 : 1e-4), qPrintable(QString::number(pairError)));
    // Only fp32 logits exist for the random batch: their own rounding bounds the error.
    QVERIFY2(randomError <= 1e-4, qPrintable(QString::number(randomError)));
}

void TestSequenceClassifier::loadClassifierReportsNothingUnusual() {
    for (const char* name : kModels) {
        bs::LoadReport report;
        report.unused.push_back("sentinel");
        const auto net = bs::loadClassifier(hfDir() / name, at::kFloat, &report);
        QVERIFY(report.unused.empty());
        QVERIFY(report.renamed.empty());
        QCOMPARE(net->config().numLabels(), int64_t(3));
        // Every tensor of the file became a parameter (the fixtures hold no buffers).
        const auto checkpoint = bs::CheckpointReader::open(hfDir() / name);
        QCOMPARE(net->parameters().size(), checkpoint->tensors().size());
        for (const auto& info : checkpoint->tensors()) {
            const int64_t i = net->parameters().find(info.name);
            QVERIFY2(i >= 0, info.name.c_str());
            QVERIFY(
                at::equal(net->parameters().tensor(i), checkpoint->read(info.name, at::kFloat)));
        }
    }
}

void TestSequenceClassifier::refusesCheckpointOfAnotherFamily() {
    const auto roberta = bs::CheckpointReader::open(hfDir() / "roberta-seed1");
    const auto bertConfig = bs::readModelConfig(hfDir() / "bert-seed1" / "config.json");
    const auto bert = bs::createClassifier(bertConfig);
    const QString message = errorOf([&] { bs::loadWeights(*bert, *roberta); });
    QVERIFY2(message.contains("roberta") && message.contains("bert") &&
                 message.contains("roberta-seed1"),
             qPrintable(message));
}

void TestSequenceClassifier::listsEveryMissingParameter() {
    const auto checkpoint = bs::CheckpointReader::open(hfDir() / "bert-seed1");
    bs::ModelConfig config = checkpoint->config();
    config.numLayers = 3; // the file has layers 0 and 1
    const auto net = bs::createClassifier(config);
    const QString message = errorOf([&] { bs::loadWeights(*net, *checkpoint); });
    QVERIFY2(message.contains("16 parameter(s) missing"), qPrintable(message));
    int listed = 0;
    for (const auto& item : net->parameters().items())
        if (item.name.rfind("bert.encoder.layer.2.", 0) == 0) {
            QVERIFY2(message.contains(QString::fromStdString(item.name)), item.name.c_str());
            ++listed;
        }
    QCOMPARE(listed, 16);
    QVERIFY(!message.contains("layer.1.")); // present parameters are not listed
}

void TestSequenceClassifier::listsShapeMismatches() {
    const auto checkpoint = bs::CheckpointReader::open(hfDir() / "distilbert-seed1");
    bs::ModelConfig config = checkpoint->config();
    config.id2label = {"no", "yes"};
    config.intermediateSize = 96;
    const auto net = bs::createClassifier(config);
    const QString message = errorOf([&] { bs::loadWeights(*net, *checkpoint); });
    QVERIFY2(message.contains("8 shape mismatch(es)"), qPrintable(message));
    QVERIFY2(message.contains("classifier.weight is [3, 64], the model expects [2, 64]"),
             qPrintable(message));
    QVERIFY2(message.contains("classifier.bias is [3], the model expects [2]"),
             qPrintable(message));
    QVERIFY2(message.contains("distilbert.transformer.layer.1.ffn.lin2.weight is [64, 128], the "
                              "model expects [64, 96]"),
             qPrintable(message));
    QVERIFY(!message.contains("missing"));
}

void TestSequenceClassifier::acceptsLegacyNamesAndListsUnused() {
    // A pre-2019 style BERT checkpoint: LayerNorm.gamma/beta, the MLM head, buffers.
    const auto original = bs::CheckpointReader::open(hfDir() / "bert-seed1");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path out = dir.path().toStdString();
    fs::copy_file(hfDir() / "bert-seed1" / "config.json", out / "config.json");
    std::vector<bs::NamedTensor> tensors;
    std::vector<std::string> expectedRenamed;
    for (const auto& info : original->tensors()) {
        std::string name = info.name;
        if (name.size() > 16 && name.ends_with("LayerNorm.weight"))
            name = name.substr(0, name.size() - 6) + "gamma";
        else if (name.ends_with("LayerNorm.bias"))
            name = name.substr(0, name.size() - 4) + "beta";
        if (name != info.name)
            expectedRenamed.push_back(name + " -> " + info.name);
        tensors.push_back({name, original->read(info.name, at::kFloat)});
    }
    QCOMPARE(expectedRenamed.size(), size_t(10));
    tensors.push_back({"cls.predictions.bias", at::arange(1365, at::kFloat)});
    tensors.push_back({"cls.predictions.transform.dense.weight", at::ones({64, 64})});
    tensors.push_back({"bert.embeddings.position_ids", at::arange(128, at::kLong).view({1, 128})});
    tensors.push_back({"bert.embeddings.token_type_ids", at::zeros({1, 128}, at::kLong)});
    writeSafetensors(out / "model.safetensors", tensors);

    bs::LoadReport report;
    const auto net = bs::loadClassifier(out, at::kFloat, &report);
    std::sort(report.renamed.begin(), report.renamed.end());
    std::sort(expectedRenamed.begin(), expectedRenamed.end());
    QCOMPARE(report.renamed, expectedRenamed);
    std::sort(report.unused.begin(), report.unused.end());
    QCOMPARE(report.unused, (std::vector<std::string>{"cls.predictions.bias",
                                                      "cls.predictions.transform.dense.weight"}));
    const auto fromFixture = bs::loadClassifier(hfDir() / "bert-seed1");
    const auto batch = batchFrom(reference(), bs::ModelFamily::Bert);
    QVERIFY(at::equal(net->forward(batch), fromFixture->forward(batch)));

    // A bare BertModel state dict (no "bert." prefix) plus a classifier loads as well.
    const fs::path bare = out / "bare";
    fs::create_directory(bare);
    fs::copy_file(hfDir() / "bert-seed1" / "config.json", bare / "config.json");
    tensors.clear();
    for (const auto& info : original->tensors()) {
        const bool prefixed = info.name.starts_with("bert.");
        tensors.push_back(
            {prefixed ? info.name.substr(5) : info.name, original->read(info.name, at::kFloat)});
    }
    writeSafetensors(bare / "model.safetensors", tensors);
    const auto fromBare = bs::loadClassifier(bare, at::kFloat, &report);
    QCOMPARE(report.renamed.size(), original->tensors().size() - 2);
    QVERIFY(std::find(report.renamed.begin(), report.renamed.end(),
                      "pooler.dense.weight -> bert.pooler.dense.weight") != report.renamed.end());
    QVERIFY(report.unused.empty());
    QVERIFY(at::equal(fromBare->forward(batch), fromFixture->forward(batch)));
}

void TestSequenceClassifier::paddingDoesNotChangeLogits() {
    // A row's logits must not depend on how far the batch is padded, nor on its
    // neighbours; rows without padding also take the mask-free path.
    const json& rb = reference().at("random_batch");
    for (const char* name : kModels) {
        const auto net = bs::loadClassifier(hfDir() / name, at::kDouble);
        const auto batch = batchFrom(rb, net->config().family);
        const at::Tensor all = net->forward(batch);
        for (int64_t row = 0; row < batch.inputIds.size(0); ++row) {
            const int64_t len = batch.attentionMask[row].sum().item<int64_t>();
            bs::TokenBatch single;
            single.inputIds = batch.inputIds.narrow(0, row, 1).narrow(1, 0, len);
            single.attentionMask = at::ones_like(single.inputIds);
            if (batch.tokenTypeIds.defined())
                single.tokenTypeIds = batch.tokenTypeIds.narrow(0, row, 1).narrow(1, 0, len);
            const double diff = maxAbsDiff(net->forward(single), all.narrow(0, row, 1));
            QVERIFY2(diff < 1e-12,
                     qPrintable(QStringLiteral("%1 row %2: %3").arg(name).arg(row).arg(diff)));
        }
    }
}

void TestSequenceClassifier::inferenceModeMatchesGradMode() {
    // Inference mode takes the in-place activation paths; they must compute the same.
    for (const char* name : kModels) {
        const auto net = bs::loadClassifier(hfDir() / name, at::kDouble);
        for (const auto& item : net->parameters().items())
            item.tensor.requires_grad_(true);
        const auto batch = batchFrom(reference(), net->config().family);
        const at::Tensor withGrad = net->forward(batch);
        QVERIFY(withGrad.requires_grad());
        at::Tensor inference;
        {
            const c10::InferenceMode guard;
            inference = net->forward(batch);
        }
        QVERIFY(!inference.requires_grad());
        QVERIFY(maxAbsDiff(withGrad.detach(), inference) < 1e-14);
    }
}

void TestSequenceClassifier::rebindTakesEffect() {
    const auto net = bs::loadClassifier(hfDir() / "roberta-seed1");
    const auto batch = batchFrom(reference(), bs::ModelFamily::Roberta);
    const at::Tensor before = net->forward(batch);
    bs::ParameterSet& params = net->parameters();
    const int64_t bias = params.find("classifier.out_proj.bias");
    QVERIFY(bias >= 0);
    // A view into a larger buffer, as ParameterSpace binds them.
    at::Tensor flat = at::zeros({10}, at::kFloat);
    flat.narrow(0, 4, 3).copy_(params.tensor(bias) + at::tensor({1.0f, -2.0f, 0.5f}));
    params.rebind(bias, flat.narrow(0, 4, 3));
    const at::Tensor after = net->forward(batch);
    const at::Tensor shift = (after - before).mean(0);
    QVERIFY(maxAbsDiff(shift, at::tensor({1.0, -2.0, 0.5})) < 1e-6);
    // In-place updates of the buffer are seen too.
    flat.narrow(0, 4, 3).sub_(at::tensor({1.0f, -2.0f, 0.5f}));
    QVERIFY(maxAbsDiff(net->forward(batch), before) < 1e-6);
    QVERIFY(!errorOf([&] { params.rebind(bias, at::zeros({4})); }).isEmpty());
    QVERIFY(!errorOf([&] { params.rebind(bias, at::zeros({3}, at::kDouble)); }).isEmpty());
}

void TestSequenceClassifier::dropoutFollowsGenerator_data() {
    QTest::addColumn<QString>("model");
    for (const char* model : kModels)
        QTest::newRow(model) << model;
}

void TestSequenceClassifier::dropoutFollowsGenerator() {
    QFETCH(QString, model);
    const auto net = bs::loadClassifier(hfDir() / model.toStdString());
    const auto batch = batchFrom(reference(), net->config().family);
    const at::Tensor eval = net->forward(batch);
    net->setTraining(true);
    const auto run = [&](uint64_t seed) {
        net->setDropoutGenerator(at::make_generator<at::CPUGeneratorImpl>(seed));
        return net->forward(batch);
    };
    const at::Tensor a = run(7);
    const at::Tensor b = run(7);
    const at::Tensor c = run(8);
    QVERIFY(at::equal(a, b));
    QVERIFY(maxAbsDiff(a, c) > 1e-4);
    QVERIFY(maxAbsDiff(a, eval) > 1e-4);
    net->setTraining(false);
    QVERIFY(at::equal(net->forward(batch), eval));
}

void TestSequenceClassifier::gradientsReachEveryParameter_data() {
    dropoutFollowsGenerator_data();
}

void TestSequenceClassifier::gradientsReachEveryParameter() {
    QFETCH(QString, model);
    const at::Tensor labels = at::tensor(std::vector<int64_t>{0, 1, 2, 0, 1, 2, 0});
    for (const bool training : {false, true}) {
        const auto net = bs::loadClassifier(hfDir() / model.toStdString(), at::kDouble);
        net->setTraining(training);
        net->setDropoutGenerator(at::make_generator<at::CPUGeneratorImpl>(3));
        std::vector<at::Tensor> params;
        for (const auto& item : net->parameters().items())
            params.push_back(item.tensor.requires_grad_(true));
        const auto batch = batchFrom(reference(), net->config().family);
        const auto lossOf = [&] {
            return at::cross_entropy_loss(net->forward(batch), labels);
        };
        lossOf().backward();
        for (size_t i = 0; i < params.size(); ++i) {
            const std::string& name = net->parameters()[i].name;
            QVERIFY2(params[i].grad().defined(), name.c_str());
            QVERIFY2(params[i].grad().abs().sum().item<double>() > 0, name.c_str());
        }
        if (training)
            continue;
        // Central differences (fp64) agree with autograd for a few entries of the first
        // attention weight, the last FFN weight and the classifier.
        const at::NoGradGuard noGrad;
        for (const size_t i : {size_t(5), params.size() - 8, params.size() - 2}) {
            for (const int64_t k : {int64_t(0), int64_t(7)}) {
                const at::Tensor entry = params[i].view(-1)[k];
                const double orig = entry.item<double>();
                const double h = 1e-5;
                entry.fill_(orig + h);
                const double up = lossOf().item<double>();
                entry.fill_(orig - h);
                const double down = lossOf().item<double>();
                entry.fill_(orig);
                const double numeric = (up - down) / (2 * h);
                const double analytic = params[i].grad().view(-1)[k].item<double>();
                QVERIFY2(std::abs(numeric - analytic) <= 1e-7 + 1e-5 * std::abs(analytic),
                         qPrintable(QStringLiteral("%1[%2]: %3 vs %4")
                                        .arg(QString::fromStdString(net->parameters()[i].name))
                                        .arg(k)
                                        .arg(numeric)
                                        .arg(analytic)));
            }
        }
    }
}

void TestSequenceClassifier::initializeWeightsFollowsHuggingFace() {
    const auto config = bs::readModelConfig(hfDir() / "roberta-seed1" / "config.json");
    const auto a = bs::createClassifier(config);
    const auto b = bs::createClassifier(config);
    const auto c = bs::createClassifier(config);
    const auto d = bs::createClassifier(config, at::kDouble);
    bs::initializeWeights(*a, 5);
    bs::initializeWeights(*b, 5);
    bs::initializeWeights(*c, 6);
    bs::initializeWeights(*d, 5);
    const auto& pa = a->parameters();
    for (size_t i = 0; i < pa.size(); ++i) {
        const std::string& name = pa[i].name;
        const at::Tensor& t = pa.tensor(i);
        QVERIFY2(at::equal(t, b->parameters().tensor(i)), name.c_str());
        QVERIFY2(maxAbsDiff(t, d->parameters().tensor(i)) < 1e-8, name.c_str());
        if (name.ends_with("LayerNorm.weight")) {
            QVERIFY2(at::equal(t, at::ones_like(t)), name.c_str());
        } else if (name.ends_with(".bias")) {
            QVERIFY2(at::equal(t, at::zeros_like(t)), name.c_str());
        } else {
            QVERIFY2(!at::equal(t, c->parameters().tensor(i)), name.c_str());
        }
    }
    // normal(0, initializer_range) and the padding rows (word and RoBERTa position) zero.
    const at::Tensor word = pa.tensor(pa.find("roberta.embeddings.word_embeddings.weight"));
    const at::Tensor pos = pa.tensor(pa.find("roberta.embeddings.position_embeddings.weight"));
    const int64_t pad = config.padTokenId;
    QVERIFY(at::equal(word[pad], at::zeros_like(word[pad])));
    QVERIFY(at::equal(pos[pad], at::zeros_like(pos[pad])));
    const double sd = word.std().item<double>();
    QVERIFY2(std::abs(sd - 0.02) < 0.0005, qPrintable(QString::number(sd)));
    QVERIFY(std::abs(word.mean().item<double>()) < 0.0005);
    // BERT keeps its position row at the pad id (no padding_idx there).
    const auto bert = bs::createClassifier(bs::readModelConfig(hfDir() / "bert-seed1"));
    bs::initializeWeights(*bert, 5);
    const auto& pb = bert->parameters();
    QVERIFY(pb.tensor(pb.find("bert.embeddings.position_embeddings.weight"))[0]
                .abs()
                .sum()
                .item<double>() > 0);
    QVERIFY(pb.tensor(pb.find("bert.embeddings.word_embeddings.weight"))[0]
                .abs()
                .sum()
                .item<double>() == 0);
}

void TestSequenceClassifier::activationsMatchTheirFormulas() {
    // The hidden activation changes the logits as the formula says: compare each
    // network with the erf-GELU one on the same weights.
    const auto base = bs::readModelConfig(hfDir() / "bert-seed1");
    const auto batch = batchFrom(reference(), bs::ModelFamily::Bert);
    const auto erfNet = bs::loadClassifier(hfDir() / "bert-seed1", at::kDouble);
    const at::Tensor gelu = erfNet->forward(batch);
    const auto checkpoint = bs::CheckpointReader::open(hfDir() / "bert-seed1");
    std::map<std::string, at::Tensor> logits;
    for (const char* act : {"gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu"}) {
        bs::ModelConfig config = base;
        config.hiddenAct = act;
        const auto net = bs::createClassifier(config, at::kDouble);
        bs::loadWeights(*net, *checkpoint);
        logits[act] = net->forward(batch);
    }
    // The three tanh approximations are one function; it differs from erf GELU by < 1e-3.
    QVERIFY(at::equal(logits["gelu_new"], logits["gelu_pytorch_tanh"]));
    QVERIFY(at::equal(logits["gelu_new"], logits["gelu_fast"]));
    const double tanhDiff = maxAbsDiff(logits["gelu_new"], gelu);
    QVERIFY2(tanhDiff > 0 && tanhDiff < 1e-3, qPrintable(QString::number(tanhDiff)));
    QVERIFY(maxAbsDiff(logits["relu"], gelu) > 1e-6);
    QVERIFY(maxAbsDiff(logits["silu"], logits["relu"]) > 1e-6);

    bs::ModelConfig config = base;
    config.hiddenAct = "mish";
    const QString message = errorOf([&] { bs::createClassifier(config); });
    QVERIFY2(message.contains("mish") && message.contains("gelu_new"), qPrintable(message));
}

void TestSequenceClassifier::refusesBadBatchesAndConfigs() {
    const auto net = bs::loadClassifier(hfDir() / "bert-seed1");
    bs::TokenBatch batch = batchFrom(reference(), bs::ModelFamily::Bert);
    bs::TokenBatch bad = batch;
    bad.inputIds = batch.inputIds.clone();
    bad.inputIds[0][1] = 1365;
    QString message = errorOf([&] { net->forward(bad); });
    QVERIFY2(message.contains("input_ids") && message.contains("vocab_size") &&
                 message.contains("1365"),
             qPrintable(message));
    bad = batch;
    bad.attentionMask = batch.attentionMask.narrow(1, 0, 5);
    message = errorOf([&] { net->forward(bad); });
    QVERIFY2(message.contains("attention_mask"), qPrintable(message));
    bad = batch;
    bad.tokenTypeIds = batch.tokenTypeIds.clone().fill_(2);
    message = errorOf([&] { net->forward(bad); });
    QVERIFY2(message.contains("type_vocab_size"), qPrintable(message));
    bad = batch;
    bad.inputIds = at::ones({1, 129}, at::kLong);
    bad.attentionMask = at::Tensor();
    bad.tokenTypeIds = at::Tensor();
    message = errorOf([&] { net->forward(bad); });
    QVERIFY2(message.contains("max_position_embeddings 128"), qPrintable(message));
    // RoBERTa (130 positions, pad 0) numbers real tokens 1, 2, ...: 130 need position 130.
    const auto roberta = bs::loadClassifier(hfDir() / "roberta-seed1");
    bad.inputIds = at::full({1, 130}, 5, at::kLong);
    message = errorOf([&] { roberta->forward(bad); });
    QVERIFY2(message.contains("max_position_embeddings"), qPrintable(message));
    bad.inputIds[0][129] = 0; // one pad: positions end at 129
    QCOMPARE(roberta->forward(bad).size(0), int64_t(1));

    bs::ModelConfig config = net->config();
    config.numHeads = 5;
    message = errorOf([&] { bs::createClassifier(config); });
    QVERIFY2(message.contains("num_attention_heads"), qPrintable(message));
    config = net->config();
    config.id2label.clear();
    QVERIFY(!errorOf([&] { bs::createClassifier(config); }).isEmpty());
    QVERIFY(!errorOf([&] { bs::createClassifier(net->config(), at::kLong); }).isEmpty());
}

QTEST_GUILESS_MAIN(TestSequenceClassifier)
#include "test_sequence_classifier.moc"
