// Hostile and broken checkpoints, one by one: each must give a bs::Error that names the
// file and what is wrong, never a crash. The files are made here from fixture bytes.
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

// A one-tensor safetensors header with the given entry fields.
std::string oneTensor(const json& entry) {
    return json{{"w", entry}}.dump();
}

// A minimal valid state-dict pickle whose tensor "w" uses FloatStorage key "0".
std::string validPickle(int64_t numel = 4, const std::vector<int64_t>& sizes = {4}) {
    PickleBuilder p;
    p.proto().global("collections", "OrderedDict").emptyTuple().reduce();
    p.unicode("w").tensor("FloatStorage", "0", numel, 0, sizes, {1}).setitem().stop();
    return p.bytes();
}

const std::string kFourFloats(16, '\0');

} // namespace

class TestHostileCheckpoints : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path file(const std::string& name) const {
        return fs::path(m_dir.path().toStdString()) / name;
    }

    // The error of opening `bytes` as a safetensors file; checks that it names the file.
    QString safetensorsError(const std::string& bytes) {
        const fs::path path = file("hostile.safetensors");
        bs::test::writeBytes(path, bytes);
        const QString error = bs::test::errorMessage([&] { bs::SafetensorsFile f(path); });
        if (!error.contains(bs::test::toQString(path)))
            return "error does not name the file: " + error;
        return error;
    }

    // The error of opening (and reading every tensor of) a torch archive.
    QString archiveError(const std::string& pickle,
                         const std::map<std::string, std::string>& storages,
                         bool byteorder = true) {
        const fs::path path = file("pytorch_model.bin");
        fs::remove(path);
        bs::test::writeTorchArchive(path.string(), pickle, storages, byteorder);
        return zipError(path);
    }
    QString zipError(const fs::path& path) {
        const QString error = bs::test::errorMessage([&] {
            bs::TorchZipFile f(path);
            for (const auto& info : f.tensors())
                f.read(info.name, at::kFloat);
        });
        if (!error.contains(bs::test::toQString(path)))
            return "error does not name the file: " + error;
        return error;
    }

#define EXPECT_ERROR(error, text)                                                                  \
    do {                                                                                           \
        const QString e_ = (error);                                                                \
        QVERIFY2(e_.contains(text), qPrintable("expected '" + QString(text) + "' in: " + e_));     \
    } while (0)

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
    }

    // ---- safetensors -------------------------------------------------------------
    void truncatedSafetensors() {
        BS_REQUIRE_FIXTURES();
        const std::string bytes = bs::test::readFile(hf("bert-seed1") / "model.safetensors");
        EXPECT_ERROR(safetensorsError(bytes.substr(0, 5)), "truncated");
        EXPECT_ERROR(safetensorsError(bytes.substr(0, 100)), "past the end of the file");
        // Header intact, data cut short: the last tensors' offsets leave the data area.
        EXPECT_ERROR(safetensorsError(bytes.substr(0, bytes.size() - 1000)),
                     "outside the data area");
        EXPECT_ERROR(safetensorsError(""), "truncated");
    }
    void headerLengthPastEnd() {
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes("{}", "").substr(0, 8) + "{"),
                     "past the end of the file");
    }
    void headerTooLarge() {
        std::string bytes = bs::test::safetensorsBytes("{}", "");
        const uint64_t huge = uint64_t(1) << 40;
        std::memcpy(bytes.data(), &huge, 8);
        EXPECT_ERROR(safetensorsError(bytes), "too large");
    }
    void badJson() {
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes("{\"w\": {\"dtype\": ", "")),
                     "not valid JSON");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes("[1, 2, 3]", "")),
                     "must be a JSON object");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         std::string(5000, '[') + std::string(5000, ']'), "")),
                     "not valid JSON");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         json{{"__metadata__", {{"format", 1}}}}.dump(), "")),
                     "__metadata__");
    }
    void offsetsOutsideDataArea() {
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", {4}}, {"data_offsets", {0, 16}}}),
                         std::string(8, '\0'))),
                     "outside the data area");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", {1}}, {"data_offsets", {8, 4}}}),
                         std::string(8, '\0'))),
                     "data_offsets");
        EXPECT_ERROR(
            safetensorsError(bs::test::safetensorsBytes(
                oneTensor({{"dtype", "F32"}, {"shape", {1}}, {"data_offsets", {-4, 0}}}), "")),
            "data_offsets");
    }
    void overlappingOffsets() {
        const json header = {{"a", {{"dtype", "F32"}, {"shape", {2}}, {"data_offsets", {0, 8}}}},
                             {"b", {{"dtype", "F32"}, {"shape", {2}}, {"data_offsets", {4, 12}}}}};
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(header.dump(), kFourFloats)),
                     "overlapping");
    }
    void sizeNotMatchingShape() {
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", {3}}, {"data_offsets", {0, 16}}}),
                         kFourFloats)),
                     "needs 12");
        EXPECT_ERROR(
            safetensorsError(bs::test::safetensorsBytes(
                oneTensor({{"dtype", "F16"}, {"shape", {2, 2}}, {"data_offsets", {0, 16}}}),
                kFourFloats)),
            "needs 8");
    }
    void unknownDtype() {
        EXPECT_ERROR(
            safetensorsError(bs::test::safetensorsBytes(
                oneTensor({{"dtype", "F8_E4M3"}, {"shape", {4}}, {"data_offsets", {0, 4}}}),
                kFourFloats)),
            "unknown dtype 'F8_E4M3'");
        EXPECT_ERROR(
            safetensorsError(bs::test::safetensorsBytes(
                oneTensor({{"dtype", 7}, {"shape", {4}}, {"data_offsets", {0, 16}}}), kFourFloats)),
            "dtype");
    }
    void badShapes() {
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", {-4}}, {"data_offsets", {0, 16}}}),
                         kFourFloats)),
                     "non-negative");
        const int64_t big = int64_t(1) << 40;
        EXPECT_ERROR(
            safetensorsError(bs::test::safetensorsBytes(
                oneTensor({{"dtype", "F32"}, {"shape", {big, big}}, {"data_offsets", {0, 16}}}),
                kFourFloats)),
            "overflows");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", {1.5}}, {"data_offsets", {0, 4}}}),
                         kFourFloats)),
                     "non-negative integers");
        EXPECT_ERROR(safetensorsError(bs::test::safetensorsBytes(
                         oneTensor({{"dtype", "F32"}, {"shape", "4"}, {"data_offsets", {0, 16}}}),
                         kFourFloats)),
                     "shape");
    }

    // ---- torch zip archives ------------------------------------------------------
    void truncatedZip() {
        BS_REQUIRE_FIXTURES();
        const std::string bytes = bs::test::readFile(hf("bert-seed1") / "pytorch_model.bin");
        const fs::path path = file("pytorch_model.bin");
        bs::test::writeBytes(path, bytes.substr(0, bytes.size() / 2));
        EXPECT_ERROR(zipError(path), "not a readable torch zip archive");
        bs::test::writeBytes(path, bytes.substr(0, 3));
        EXPECT_ERROR(zipError(path), "truncated");
        bs::test::writeBytes(path, "this is a text file, not a checkpoint\n");
        EXPECT_ERROR(zipError(path), "not a zip archive");
    }
    void missingDataRecord() {
        EXPECT_ERROR(archiveError(validPickle(), {}),
                     "'data/0', which the archive does not contain");
        EXPECT_ERROR(archiveError(validPickle(), {{"1", kFourFloats}}), "does not contain");
    }
    void storageSizeMismatch() {
        EXPECT_ERROR(archiveError(validPickle(), {{"0", std::string(12, '\0')}}),
                     "holds 12 bytes, but the pickle declares 4 elements");
    }
    void tensorOutsideItsStorage() {
        EXPECT_ERROR(archiveError(validPickle(4, {5}), {{"0", kFourFloats}}),
                     "reaches element 4 of storage '0', which holds only 4");
        PickleBuilder p;
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce();
        p.unicode("w").tensor("FloatStorage", "0", 4, 0, {2, 2}, {-1, 1}).setitem().stop();
        EXPECT_ERROR(archiveError(p.bytes(), {{"0", kFourFloats}}), "negative");
        PickleBuilder q;
        q.proto().global("collections", "OrderedDict").emptyTuple().reduce();
        q.unicode("w")
            .tensor("FloatStorage", "0", 4, 0, {int64_t(1) << 40, int64_t(1) << 40},
                    {int64_t(1) << 40, 1})
            .setitem()
            .stop();
        EXPECT_ERROR(archiveError(q.bytes(), {{"0", kFourFloats}}), "overflow");
    }
    void refusesOtherGlobals_data() {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("name");
        QTest::newRow("posix.system") << "posix"
                                      << "system";
        QTest::newRow("os.system") << "os"
                                   << "system";
        QTest::newRow("builtins.eval") << "builtins"
                                       << "eval";
        QTest::newRow("subprocess") << "subprocess"
                                    << "check_output";
        QTest::newRow("torch.load") << "torch"
                                    << "load";
        QTest::newRow("legacy storage loader") << "torch.storage"
                                               << "_load_from_bytes";
    }
    void refusesOtherGlobals() {
        QFETCH(QString, module);
        QFETCH(QString, name);
        // The classic exploit: GLOBAL callable, (argument,) tuple, REDUCE.
        PickleBuilder p;
        p.proto().global(module.toStdString(), name.toStdString());
        p.mark().unicode("touch /tmp/basinscope-pwned").tuple().reduce().stop();
        const QString error = archiveError(p.bytes(), {});
        EXPECT_ERROR(error, "refusing global '" + module + "." + name + "'");
        EXPECT_ERROR(error, "must never run code");
        EXPECT_ERROR(error, "safetensors");
        QVERIFY(!fs::exists("/tmp/basinscope-pwned"));
    }
    void refusesMaliciousGlobalInsideValidDict() {
        // A plausible state dict whose second value is a call to os.system.
        PickleBuilder p;
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
        p.unicode("w").tensor("FloatStorage", "0", 4, 0, {4}, {1});
        p.unicode("x").global("os", "system").mark().unicode("id").tuple().reduce();
        p.setitems().stop();
        EXPECT_ERROR(archiveError(p.bytes(), {{"0", kFourFloats}}), "refusing global 'os.system'");
    }
    void unknownOpcode() {
        PickleBuilder p;
        p.proto().raw("i").raw("os\nsystem\n").stop(); // INST: a protocol 0 way to call code
        EXPECT_ERROR(archiveError(p.bytes(), {}), "unsupported pickle opcode 0x69 ('i')");
        PickleBuilder q;
        q.proto().raw("\xff").stop();
        EXPECT_ERROR(archiveError(q.bytes(), {}), "unsupported pickle opcode 0xff");
    }
    void malformedPickles() {
        // No STOP.
        std::string cut = validPickle();
        cut.pop_back();
        EXPECT_ERROR(archiveError(cut, {{"0", kFourFloats}}), "truncated data.pkl");
        // SETITEM on an empty stack.
        EXPECT_ERROR(archiveError(PickleBuilder().proto().raw("s").stop().bytes(), {}),
                     "stack underflow");
        // BINGET of a memo slot never stored.
        EXPECT_ERROR(archiveError(PickleBuilder().proto().get(7).stop().bytes(), {}),
                     "memo index 7 was never stored");
        // A string longer than the pickle.
        EXPECT_ERROR(archiveError(PickleBuilder().proto().raw("X\xff\xff\xff\x7f").bytes(), {}),
                     "string of");
        // Not a dict at the top.
        EXPECT_ERROR(archiveError(PickleBuilder().proto().emptyList().stop().bytes(), {}),
                     "expected a state dict");
        // A dict entry that is not a tensor.
        PickleBuilder p;
        p.proto().emptyDict().unicode("step").integer(10).setitem().stop();
        EXPECT_ERROR(archiveError(p.bytes(), {}), "entry 'step' is not a tensor (found int)");
        // A list appended to itself (a cycle) does not hang or leak.
        PickleBuilder c;
        c.proto().emptyList().put(0).get(0).append().stop();
        EXPECT_ERROR(archiveError(c.bytes(), {}), "expected a state dict");
        // A storage type called like a function.
        PickleBuilder s;
        s.proto().global("torch", "FloatStorage").emptyTuple().reduce().stop();
        EXPECT_ERROR(archiveError(s.bytes(), {}), "persistent id");
        // A persistent id that is not a storage.
        PickleBuilder pid;
        pid.proto().mark().unicode("module").unicode("x").tuple().binpersid().stop();
        EXPECT_ERROR(archiveError(pid.bytes(), {}), "persistent id");
        // A storage key that is a path.
        PickleBuilder key;
        key.proto().global("collections", "OrderedDict").emptyTuple().reduce();
        key.unicode("w").tensor("FloatStorage", "../0", 4, 0, {4}, {1}).setitem().stop();
        EXPECT_ERROR(archiveError(key.bytes(), {}), "not a record name");
    }
    void bigEndianArchive() {
        const fs::path path = file("pytorch_model.bin");
        fs::remove(path);
        {
            caffe2::serialize::PyTorchStreamWriter writer(path.string());
            const std::string pickle = validPickle();
            writer.writeRecord("data.pkl", pickle.data(), pickle.size());
            writer.writeRecord("byteorder", "big", 3);
            writer.writeRecord("data/0", kFourFloats.data(), kFourFloats.size());
            writer.writeEndOfFile();
        }
        EXPECT_ERROR(zipError(path), "'big' byte order");
    }
    void archiveWithoutPickle() {
        const fs::path path = file("pytorch_model.bin");
        fs::remove(path);
        {
            caffe2::serialize::PyTorchStreamWriter writer(path.string());
            writer.writeRecord("data/0", kFourFloats.data(), kFourFloats.size());
            writer.writeEndOfFile();
        }
        EXPECT_ERROR(zipError(path), "no data.pkl");
    }

    // ---- folders -----------------------------------------------------------------
    void nonExistentFolder() {
        const fs::path missing = file("no-such-checkpoint");
        const QString error = bs::test::errorMessage([&] { bs::CheckpointReader::open(missing); });
        EXPECT_ERROR(error, bs::test::toQString(missing));
        EXPECT_ERROR(error, "does not exist");
    }
    void fileInsteadOfFolder() {
        const fs::path path = file("not-a-folder");
        bs::test::writeBytes(path, "x");
        EXPECT_ERROR(bs::test::errorMessage([&] { bs::CheckpointReader::open(path); }),
                     "is not a folder");
    }
    void folderWithoutConfig() {
        const fs::path dir = file("no-config");
        fs::create_directories(dir);
        EXPECT_ERROR(bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); }),
                     "no config.json");
    }
    void folderWithoutWeights() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = file("no-weights");
        fs::create_directories(dir);
        fs::copy_file(hf("bert-seed1") / "config.json", dir / "config.json",
                      fs::copy_options::overwrite_existing);
        QString error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, bs::test::toQString(dir));
        EXPECT_ERROR(error, "no weights found; looked for model.safetensors, "
                            "model.safetensors.index.json, pytorch_model.bin, "
                            "pytorch_model.bin.index.json");
        bs::test::writeBytes(dir / "tf_model.h5", "HDF");
        error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, "found tf_model.h5");
    }
    void badConfigInFolder() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = file("bad-config");
        fs::create_directories(dir);
        fs::copy_file(hf("bert-seed1") / "model.safetensors", dir / "model.safetensors",
                      fs::copy_options::overwrite_existing);
        bs::test::writeBytes(dir / "config.json", "{\"model_type\": \"bert\",, }");
        QString error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, bs::test::toQString(dir / "config.json"));
        EXPECT_ERROR(error, "not valid JSON");
        bs::test::writeBytes(dir / "config.json", "{\"model_type\": \"t5\"}");
        error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, "field 'model_type' is \"t5\"");
    }
    void unknownTensorName() {
        BS_REQUIRE_FIXTURES();
        const auto reader = bs::CheckpointReader::open(hf("bert-seed1"));
        EXPECT_ERROR(bs::test::errorMessage([&] { reader->read("bert.nope", at::kFloat); }),
                     "no tensor named 'bert.nope'");
    }
    void badShardIndex() {
        BS_REQUIRE_FIXTURES();
        const fs::path dir = file("bad-index");
        fs::create_directories(dir);
        fs::copy_file(hf("bert-seed1") / "config.json", dir / "config.json",
                      fs::copy_options::overwrite_existing);
        bs::test::writeBytes(dir / "model.safetensors.index.json", "{\"weight_map\": [1]}");
        QString error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, "model.safetensors.index.json");
        EXPECT_ERROR(error, "weight_map");
        bs::test::writeBytes(dir / "model.safetensors.index.json", "not json");
        error = bs::test::errorMessage([&] { bs::CheckpointReader::open(dir); });
        EXPECT_ERROR(error, "not valid JSON");
    }
};

QTEST_GUILESS_MAIN(TestHostileCheckpoints)
#include "test_hostile_checkpoints.moc"
