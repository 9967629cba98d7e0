// SafetensorsFile and writeSafetensors: the fixtures' model.safetensors, every dtype,
// conversion, the writer's layout, atomic writes, and sharded folders.
#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/io/content_hash.h"
#include "core/io/safetensors.h"
#include "core/io/safetensors_writer.h"
#include "tests/io/io_test_util.h"
#include "tests/support/test_support.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path hf(const std::string& name) {
    return bs::test::fixturesDir() / "hf" / name;
}

fs::path tempPath(const QTemporaryDir& dir, const std::string& name) {
    return fs::path(dir.path().toStdString()) / name;
}

bool bitwiseEqual(const at::Tensor& a, const at::Tensor& b) {
    return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() &&
           (a.numel() == 0 || std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(),
                                          a.numel() * a.element_size()) == 0);
}

// One tensor of every dtype, with values that survive their type exactly.
std::vector<bs::NamedTensor> everyDtype() {
    const at::Tensor base = at::arange(-6, 6, at::kDouble).reshape({3, 4}) * 0.75;
    return {
        {"f32", base.to(at::kFloat)},
        {"f16", base.to(at::kHalf)},
        {"bf16", base.to(at::kBFloat16)},
        {"f64", base + 1e-9},
        {"i64", at::arange(-6, 6, at::kLong).reshape({2, 6}) * (int64_t(1) << 40)},
        {"i32", at::arange(-6, 6, at::kInt)},
        {"i16", at::arange(-6, 6, at::kShort)},
        {"i8", at::arange(-6, 6, at::kChar)},
        {"u8", at::arange(0, 250, 25, at::kByte)},
        {"bool", at::arange(0, 5, at::kLong).remainder(2).to(at::kBool)},
        {"scalar", at::scalar_tensor(3.5, at::kFloat)},
        {"empty", at::empty({0, 4}, at::kFloat)},
    };
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    void readsFixtureAgainstRawBytes() {
        BS_REQUIRE_FIXTURES();
        const fs::path path = hf("bert-seed1") / "model.safetensors";
        const std::string bytes = bs::test::readFile(path);
        const auto [header, data] = bs::test::splitSafetensors(bytes);
        bs::SafetensorsFile file(path);
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        QCOMPARE(file.tensors().size() + 1, header.size()); // + __metadata__
        uint64_t lastOffset = 0;
        for (const bs::TensorInfo& info : file.tensors()) {
            const json& entry = header.at(info.name);
            QCOMPARE(std::string(bs::dtypeName(info.dtype)), entry["dtype"].get<std::string>());
            QCOMPARE(info.shape, entry["shape"].get<std::vector<int64_t>>());
            const auto begin = entry["data_offsets"][0].get<uint64_t>();
            const auto end = entry["data_offsets"][1].get<uint64_t>();
            QVERIFY(begin >= lastOffset); // file order
            lastOffset = begin;
            const at::Tensor t = file.read(info.name, at::kFloat);
            QVERIFY(t.is_contiguous());
            QCOMPARE(t.sizes().vec(), info.shape);
            QCOMPARE(static_cast<uint64_t>(t.numel() * 4), end - begin);
            QVERIFY(std::memcmp(t.data_ptr(), data.data() + begin, end - begin) == 0);
        }
        const bs::TensorInfo& pos = file.info("bert.embeddings.position_embeddings.weight");
        QCOMPARE(pos.shape, (std::vector<int64_t>{128, 64}));
        QCOMPARE(pos.dtype, bs::DType::F32);
        QCOMPARE(pos.numel(), int64_t(128 * 64));
    }

    void convertsOnRead() {
        BS_REQUIRE_FIXTURES();
        bs::SafetensorsFile file(hf("roberta-seed1") / "model.safetensors");
        const std::string name = file.tensors().front().name;
        const at::Tensor f = file.read(name, at::kFloat);
        const at::Tensor d = file.read(name, at::kDouble);
        QCOMPARE(d.scalar_type(), at::kDouble);
        QVERIFY(at::equal(d, f.to(at::kDouble)));
        QVERIFY(bitwiseEqual(file.read(name, at::kHalf), f.to(at::kHalf)));
        // The returned tensor owns its memory: writing to it leaves the next read intact.
        at::Tensor mutableCopy = file.read(name, at::kFloat);
        mutableCopy.fill_(42.0f);
        QVERIFY(at::equal(file.read(name, at::kFloat), f));
    }

    void writerRoundTripsEveryDtype() {
        QTemporaryDir dir;
        const fs::path path = tempPath(dir, "all.safetensors");
        const auto tensors = everyDtype();
        bs::writeSafetensors(path, tensors, {{"note", "round trip"}});
        bs::SafetensorsFile file(path);
        QCOMPARE(file.metadata().at("note"), std::string("round trip"));
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        QCOMPARE(file.tensors().size(), tensors.size());
        for (const bs::NamedTensor& t : tensors) {
            const at::Tensor back = file.read(t.name, t.tensor.scalar_type());
            QVERIFY2(bitwiseEqual(back, t.tensor), t.name.c_str());
            // Every stored type converts to float like LibTorch's own cast.
            QVERIFY2(at::equal(file.read(t.name, at::kFloat), t.tensor.to(at::kFloat)),
                     t.name.c_str());
        }
        QCOMPARE(file.info("bf16").dtype, bs::DType::BF16);
        QCOMPARE(file.info("bool").dtype, bs::DType::Bool);
        QCOMPARE(file.info("scalar").shape, std::vector<int64_t>{});
    }

    // The layout transformers' safetensors loader expects, checked from the raw bytes.
    void writerLayoutIsTheStandardOne() {
        QTemporaryDir dir;
        const fs::path path = tempPath(dir, "w.safetensors");
        const at::Tensor a = at::arange(6, at::kFloat).reshape({2, 3});
        const at::Tensor b = at::arange(3, at::kDouble);
        // Non-contiguous input is written in logical (row-major) order.
        bs::writeSafetensors(path, {{"z.weight", a.t()}, {"a.bias", b}});
        const std::string bytes = bs::test::readFile(path);
        uint64_t n = 0;
        std::memcpy(&n, bytes.data(), 8);
        QCOMPARE((8 + n) % 8, uint64_t(0));
        const auto [header, data] = bs::test::splitSafetensors(bytes);
        QCOMPARE(header["__metadata__"]["format"], json("pt"));
        QCOMPARE(header["a.bias"]["dtype"], json("F64"));
        QCOMPARE(header["a.bias"]["data_offsets"], json({0, 24}));
        QCOMPARE(header["z.weight"]["dtype"], json("F32"));
        QCOMPARE(header["z.weight"]["shape"], json({3, 2}));
        QCOMPARE(header["z.weight"]["data_offsets"], json({24, 48}));
        QCOMPARE(data.size(), size_t(48));
        const float expected[] = {0, 3, 1, 4, 2, 5};
        QVERIFY(std::memcmp(data.data() + 24, expected, sizeof expected) == 0);
    }

    void writerIsAtomicAndRefusesBadInput() {
        QTemporaryDir dir;
        const fs::path path = tempPath(dir, "model.safetensors");
        bs::writeSafetensors(path, {{"x", at::ones({2})}});
        bs::writeSafetensors(path, {{"x", at::zeros({3})}}); // replaces the old file
        QCOMPARE(bs::SafetensorsFile(path).info("x").shape, std::vector<int64_t>{3});
        const QString dup = bs::test::errorMessage([&] {
            bs::writeSafetensors(path, {{"x", at::ones({1})}, {"x", at::ones({1})}});
        });
        QVERIFY2(dup.contains("appears twice"), qPrintable(dup));
        const QString complex = bs::test::errorMessage([&] {
            bs::writeSafetensors(path, {{"c", at::ones({1}, at::kComplexFloat)}});
        });
        QVERIFY2(complex.contains("'c'"), qPrintable(complex));
        // The failed writes left the earlier file and no temporary behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"model.safetensors"});
        QCOMPARE(bs::SafetensorsFile(path).info("x").shape, std::vector<int64_t>{3});
    }

    // Shards assembled from the fixture's raw bytes (not by the writer under test), with an
    // index in transformers' layout; the sharded read must equal the single-file read.
    void readsShardedFolder() {
        BS_REQUIRE_FIXTURES();
        const fs::path fixture = hf("distilbert-seed1");
        const auto [header, data] =
            bs::test::splitSafetensors(bs::test::readFile(fixture / "model.safetensors"));
        QTemporaryDir dir;
        const fs::path out(dir.path().toStdString());
        fs::copy_file(fixture / "config.json", out / "config.json");
        json shards[2] = {json::object(), json::object()};
        std::string shardData[2];
        json weightMap = json::object();
        int i = 0;
        for (const auto& [name, entry] : header.items()) {
            if (name == "__metadata__")
                continue;
            const int s = i++ % 2;
            const auto begin = entry["data_offsets"][0].get<uint64_t>();
            const auto end = entry["data_offsets"][1].get<uint64_t>();
            json e = entry;
            e["data_offsets"] = {shardData[s].size(), shardData[s].size() + (end - begin)};
            shards[s][name] = e;
            shardData[s] += data.substr(begin, end - begin);
            weightMap[name] = "model-0000" + std::to_string(s + 1) + "-of-00002.safetensors";
        }
        for (int s = 0; s < 2; ++s)
            bs::test::writeBytes(
                out / ("model-0000" + std::to_string(s + 1) + "-of-00002.safetensors"),
                bs::test::safetensorsBytes(shards[s].dump(), shardData[s]));
        const json index = {{"metadata", {{"total_size", data.size()}}}, {"weight_map", weightMap}};
        bs::test::writeBytes(out / "model.safetensors.index.json", index.dump(2));

        const auto sharded = bs::CheckpointReader::open(out);
        QCOMPARE(sharded->format(), bs::CheckpointFormat::SafetensorsSharded);
        const auto single = bs::CheckpointReader::open(fixture, bs::CheckpointFormat::Safetensors);
        QCOMPARE(sharded->tensors().size(), single->tensors().size());
        const std::string shardedHash = bs::hashCheckpointFiles(*sharded);
        QCOMPARE(shardedHash.size(), size_t(16));
        QVERIFY(shardedHash != bs::hashCheckpointFiles(*single));
        for (const bs::TensorInfo& info : single->tensors())
            QVERIFY2(bitwiseEqual(sharded->read(info.name, at::kFloat),
                                  single->read(info.name, at::kFloat)),
                     info.name.c_str());

        // A tensor listed in a shard that lacks it.
        json broken = index;
        const std::string moved = header.items().begin().key() == "__metadata__"
                                      ? std::next(header.items().begin()).key()
                                      : header.items().begin().key();
        const std::string own = broken["weight_map"][moved];
        broken["weight_map"][moved] = own.find("00001") != std::string::npos
                                          ? "model-00002-of-00002.safetensors"
                                          : "model-00001-of-00002.safetensors";
        bs::test::writeBytes(out / "model.safetensors.index.json", broken.dump());
        QString error = bs::test::errorMessage([&] { bs::CheckpointReader::open(out); });
        QVERIFY2(error.contains("but that shard has no such tensor") &&
                     error.contains(QString::fromStdString(moved)),
                 qPrintable(error));

        // Shard names that leave the folder are refused before anything is opened.
        for (const char* escape : {"../model-00001-of-00002.safetensors", "/etc/passwd",
                                   "sub/../../x.safetensors", ".."}) {
            json hostile = index;
            hostile["weight_map"][moved] = escape;
            bs::test::writeBytes(out / "model.safetensors.index.json", hostile.dump());
            error = bs::test::errorMessage([&] { bs::CheckpointReader::open(out); });
            QVERIFY2(error.contains("escape") && error.contains("model.safetensors.index.json"),
                     qPrintable(error));
        }

        // A listed shard that does not exist.
        json missing = index;
        missing["weight_map"][moved] = "model-00003-of-00003.safetensors";
        bs::test::writeBytes(out / "model.safetensors.index.json", missing.dump());
        error = bs::test::errorMessage([&] { bs::CheckpointReader::open(out); });
        QVERIFY2(error.contains("model-00003-of-00003.safetensors") &&
                     error.contains("does not exist"),
                 qPrintable(error));
    }

    // Reference values from xxhsum 0.8.1 (`xxhsum -H64`).
    void contentHashIsXxh64() {
        QCOMPARE(bs::xxHash64("", 0), uint64_t(0xef46db3751d8e999ULL));
        QCOMPARE(bs::xxHash64("abc", 3), uint64_t(0x44bc2cf5ad770999ULL));
        QCOMPARE(bs::xxHash64("abcdefghijklmn", 14), uint64_t(0xd66d2a9c05576b14ULL));
        QTemporaryDir dir;
        const fs::path path = tempPath(dir, "hash.bin");
        bs::test::writeBytes(path, "BasinScope hashes weight files with XXH64.\n");
        QCOMPARE(bs::hashFileContents(path), std::string("8e8bbbea9c2992f1"));
        BS_REQUIRE_FIXTURES();
        QCOMPARE(bs::hashFileContents(hf("bert-seed1") / "model.safetensors"),
                 std::string("80d353e2140cc1ea"));
        // The checkpoint identity: XXH64 of "config.json\0<hash>\nmodel.safetensors\0<hash>\n"
        // (reference from xxhsum over that text).
        const auto bert1 = bs::CheckpointReader::open(hf("bert-seed1"));
        QCOMPARE(bs::hashCheckpointFiles(*bert1), std::string("690800f4b276223c"));
        QVERIFY(bs::hashCheckpointFiles(*bs::CheckpointReader::open(hf("bert-seed2"))) !=
                bs::hashCheckpointFiles(*bert1));
        QVERIFY(bs::hashCheckpointFiles(*bs::CheckpointReader::open(
                    hf("bert-seed1"), bs::CheckpointFormat::TorchZip)) !=
                bs::hashCheckpointFiles(*bert1));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
