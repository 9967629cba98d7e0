// pytorch_model.bin (torch zip archives): the fixtures against their safetensors twins,
// views with offsets and strides, parameters, storage types, shards, legacy formats.
#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"
#include "core/io/torch_zip.h"
#include "tests/io/io_test_util.h"
#include "tests/io/pickle_builder.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

namespace fs = std::filesystem;
using bs::test::PickleBuilder;
using nlohmann::json;

namespace {

fs::path hf(const std::string& name) {
    return bs::test::fixturesDir() / "hf" / name;
}

bool bitwiseEqual(const at::Tensor& a, const at::Tensor& b) {
    return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() &&
           (a.numel() == 0 || std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(),
                                          a.numel() * a.element_size()) == 0);
}

std::string floats(std::initializer_list<float> values) {
    return std::string(reinterpret_cast<const char*>(values.begin()), values.size() * 4);
}

} // namespace

class TestTorchZip : public QObject {
    Q_OBJECT
private slots:
    void fixtureBinEqualsSafetensors_data() {
        QTest::addColumn<QString>("fixture");
        for (const char* name : {"bert-seed1", "bert-seed2", "roberta-seed1", "distilbert-seed1"})
            QTest::newRow(name) << name;
    }
    // Both files were saved from the same model: every tensor must match bit for bit.
    void fixtureBinEqualsSafetensors() {
        BS_REQUIRE_FIXTURES();
        QFETCH(QString, fixture);
        const fs::path dir = hf(fixture.toStdString());
        const auto bin = bs::CheckpointReader::open(dir, bs::CheckpointFormat::TorchZip);
        const auto st = bs::CheckpointReader::open(dir, bs::CheckpointFormat::Safetensors);
        QCOMPARE(bin->format(), bs::CheckpointFormat::TorchZip);
        QCOMPARE(bin->config().hiddenSize, int64_t(64));
        QCOMPARE(bin->tensors().size(), st->tensors().size());
        QVERIFY(bin->tensors().size() > 20);
        for (const bs::TensorInfo& info : st->tensors()) {
            QVERIFY2(bin->contains(info.name), info.name.c_str());
            const at::Tensor a = bin->read(info.name, at::kFloat);
            const at::Tensor b = st->read(info.name, at::kFloat);
            QVERIFY2(bitwiseEqual(a, b), info.name.c_str());
            QVERIFY(a.is_contiguous());
            QVERIFY2(at::equal(bin->read(info.name, at::kDouble), b.to(at::kDouble)),
                     info.name.c_str());
        }
        for (const bs::TensorInfo& info : bin->tensors()) {
            QCOMPARE(info.dtype, bs::DType::F32);
            QVERIFY(st->contains(info.name));
        }
        // Each read owns its memory.
        const std::string first = bin->tensors().front().name;
        at::Tensor t = bin->read(first, at::kFloat);
        const at::Tensor before = t.clone();
        t.zero_();
        QVERIFY(at::equal(bin->read(first, at::kFloat), before));
    }

    void openPrefersSafetensors() {
        BS_REQUIRE_FIXTURES();
        QCOMPARE(bs::CheckpointReader::open(hf("bert-seed1"))->format(),
                 bs::CheckpointFormat::Safetensors);
        const QString error = bs::test::errorMessage([&] {
            bs::CheckpointReader::open(hf("bert-seed1"), bs::CheckpointFormat::TorchZipSharded);
        });
        QVERIFY2(error.contains("pytorch_model.bin.index.json"), qPrintable(error));
        QCOMPARE(std::string(bs::checkpointFormatName(bs::CheckpointFormat::TorchZip)),
                 std::string("pytorch_model.bin"));
    }

    // Storage offsets, strides (a transpose, a broadcast), parameters, other storage
    // types; expected values worked out by hand from the storage contents.
    void viewsHonourOffsetsAndStrides() {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "archive.bin";
        std::string storage0;
        for (int i = 0; i < 12; ++i)
            storage0 += floats({static_cast<float>(i)});
        const at::Tensor halves = at::tensor({0.5f, -2.f, 1024.f}).to(at::kHalf);
        const int64_t longs[] = {-3, int64_t(1) << 40};
        const std::string storage2(reinterpret_cast<const char*>(longs), sizeof longs);
        const std::string storage3("\x00\x01\x02", 3); // bools; 2 is a stray "true"

        PickleBuilder p;
        p.proto().global("collections", "OrderedDict").put(0).emptyTuple().reduce().mark();
        p.unicode("transposed").tensor("FloatStorage", "0", 12, 0, {3, 2}, {1, 3});
        p.unicode("offset").tensor("FloatStorage", "0", 12, 6, {2, 2}, {2, 1});
        p.unicode("broadcast").tensor("FloatStorage", "0", 12, 11, {3}, {0});
        p.unicode("param").global("torch._utils", "_rebuild_parameter");
        p.mark().tensor("FloatStorage", "0", 12, 8, {4}, {1}).newTrue();
        p.global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        p.unicode("half").tensor("HalfStorage", "1", 3, 0, {3}, {1});
        p.unicode("long").tensor("LongStorage", "2", 2, 0, {2}, {1});
        p.unicode("bool").tensor("BoolStorage", "3", 3, 0, {3}, {1});
        p.unicode("empty").tensor("FloatStorage", "0", 12, 0, {0, 5}, {5, 1});
        p.setitems();
        // torch.save also pickles the state dict's _metadata through BUILD.
        p.emptyDict().unicode("_metadata").get(0).emptyTuple().reduce().setitem().build().stop();
        bs::test::writeTorchArchive(path.string(), p.bytes(),
                                    {{"0", storage0},
                                     {"1", bs::test::tensorBytes(halves)},
                                     {"2", storage2},
                                     {"3", storage3}});

        const bs::TorchZipFile file(path);
        std::vector<std::string> names;
        for (const auto& info : file.tensors())
            names.push_back(info.name);
        QCOMPARE(names, (std::vector<std::string>{"transposed", "offset", "broadcast", "param",
                                                  "half", "long", "bool", "empty"}));
        QVERIFY(at::equal(file.read("transposed", at::kFloat),
                          at::tensor({0.f, 3.f, 1.f, 4.f, 2.f, 5.f}).reshape({3, 2})));
        QVERIFY(at::equal(file.read("offset", at::kFloat),
                          at::tensor({6.f, 7.f, 8.f, 9.f}).reshape({2, 2})));
        QVERIFY(at::equal(file.read("broadcast", at::kFloat), at::tensor({11.f, 11.f, 11.f})));
        QVERIFY(at::equal(file.read("param", at::kFloat), at::tensor({8.f, 9.f, 10.f, 11.f})));
        QVERIFY(at::equal(file.read("half", at::kFloat), at::tensor({0.5f, -2.f, 1024.f})));
        QVERIFY(bitwiseEqual(file.read("half", at::kHalf), halves));
        QVERIFY(at::equal(file.read("long", at::kLong),
                          at::tensor({int64_t(-3), int64_t(1) << 40}, at::kLong)));
        QCOMPARE(file.read("long", at::kDouble)[1].item<double>(), 1099511627776.0);
        QVERIFY(at::equal(file.read("bool", at::kFloat), at::tensor({0.f, 1.f, 1.f})));
        QCOMPARE(file.read("empty", at::kFloat).sizes().vec(), (std::vector<int64_t>{0, 5}));
        QCOMPARE(file.tensors()[4].dtype, bs::DType::F16);
        QCOMPARE(file.tensors()[5].dtype, bs::DType::I64);
        QCOMPARE(file.tensors()[0].shape, (std::vector<int64_t>{3, 2}));
    }

    // Two archive shards written with LibTorch's zip writer plus a transformers-style index.
    void readsShardedBin() {
        BS_REQUIRE_FIXTURES();
        const fs::path fixture = hf("bert-seed2");
        bs::SafetensorsFile reference(fixture / "model.safetensors");
        QTemporaryDir dir;
        const fs::path out(dir.path().toStdString());
        fs::copy_file(fixture / "config.json", out / "config.json");
        std::vector<std::pair<std::string, at::Tensor>> parts[2];
        json weightMap = json::object();
        for (size_t i = 0; i < reference.tensors().size(); ++i) {
            const std::string& name = reference.tensors()[i].name;
            parts[i % 2].emplace_back(name, reference.read(name, at::kFloat));
            weightMap[name] = "pytorch_model-0000" + std::to_string(i % 2 + 1) + "-of-00002.bin";
        }
        for (int s = 0; s < 2; ++s) {
            std::map<std::string, std::string> storages;
            const std::string pickle = bs::test::stateDictPickle(parts[s], storages);
            bs::test::writeTorchArchive(
                (out / ("pytorch_model-0000" + std::to_string(s + 1) + "-of-00002.bin")).string(),
                pickle, storages);
        }
        bs::test::writeBytes(out / "pytorch_model.bin.index.json",
                             json{{"metadata", json::object()}, {"weight_map", weightMap}}.dump());
        const auto sharded = bs::CheckpointReader::open(out);
        QCOMPARE(sharded->format(), bs::CheckpointFormat::TorchZipSharded);
        QCOMPARE(sharded->tensors().size(), reference.tensors().size());
        for (const bs::TensorInfo& info : reference.tensors())
            QVERIFY2(bitwiseEqual(sharded->read(info.name, at::kFloat),
                                  reference.read(info.name, at::kFloat)),
                     info.name.c_str());
    }

    void refusesLegacyFormats() {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "pytorch_model.bin";
        // torch < 1.6 wrote a bare pickle stream that starts with the magic number as LONG1.
        bs::test::writeBytes(path, std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8"
                                               "\x50\x19.",
                                               15));
        QString error = bs::test::errorMessage([&] { bs::TorchZipFile file(path); });
        QVERIFY2(error.contains("legacy") &&
                     error.contains("_use_new_zipfile_serialization=True") &&
                     error.contains("safe_serialization=True") &&
                     error.contains(bs::test::toQString(path)),
                 qPrintable(error));
        std::string tar(1024, '\0');
        tar.replace(0, 8, "sys_info");
        tar.replace(257, 5, "ustar");
        bs::test::writeBytes(path, tar);
        error = bs::test::errorMessage([&] { bs::TorchZipFile file(path); });
        QVERIFY2(error.contains("tar archive") && error.contains("safe_serialization=True"),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTorchZip)
#include "test_torch_zip.moc"
