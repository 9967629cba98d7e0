// Study files damaged exactly where HDF5 1.10 trusts them: the global heap that holds text.
// Each case is a real study with a few bytes changed on purpose (the kinds of damage that
// crashed or hung byte-flipped copies before the reader checked them); each must give an error
// that names the file and says what is damaged, within a second.
#include "core/common/error.h"
#include "core/study/h5_global_heap.h"
#include "core/study/study_store.h"
#include "tests/study/study_samples.h"
#include "tests/support/test_support.h"

#include <hdf5.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// Little-endian fields of the HDF5 file format (8-byte addresses and lengths, as written).
uint64_t get(const std::string& bytes, size_t at, size_t n) {
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;)
        v = (v << 8) | static_cast<uint8_t>(bytes[at + i]);
    return v;
}
void put(std::string& bytes, size_t at, size_t n, uint64_t v) {
    for (size_t i = 0; i < n; ++i, v >>= 8)
        bytes[at + i] = static_cast<char>(v & 0xff);
}

// The offset of the first global heap collection ("GCOL", version 1).
size_t firstCollection(const std::string& bytes) {
    for (size_t at = bytes.find("GCOL"); at != std::string::npos; at = bytes.find("GCOL", at + 1))
        if (bytes[at + 4] == 1)
            return at;
    return std::string::npos;
}

// The raw bytes of /models/name, where its text references are (contiguous layout).
size_t namesOffset(const fs::path& file) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, "/models/name", H5P_DEFAULT);
    const haddr_t offset = H5Dget_offset(d);
    H5Dclose(d);
    H5Fclose(f);
    return static_cast<size_t>(offset);
}

} // namespace

class TestDamagedStudies : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path m_study;
    std::string m_bytes;
    size_t m_heap = 0;  // offset of the first collection
    size_t m_names = 0; // offset of /models/name's references

    // Writes `bytes` as a damaged copy and returns readStudy's error (checked to name the copy
    // and to come within a second).
    QString errorOf(const std::string& bytes, const char* name) {
        const fs::path copy = fs::path(m_dir.path().toStdString()) / name;
        std::ofstream(copy, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        QElapsedTimer timer;
        timer.start();
        try {
            (void)readStudy(copy);
        } catch (const Error& e) {
            const QString message = e.what();
            if (!message.startsWith(bs::test::toQString(copy) + ": "))
                return "error does not name the file: " + message;
            if (timer.elapsed() >= 1000)
                return QString("error took %1 ms: ").arg(timer.elapsed()) + message;
            return message;
        }
        return "read without an error";
    }

#define EXPECT_DAMAGE(bytes, name, text)                                                           \
    do {                                                                                           \
        const QString m = errorOf(bytes, name);                                                    \
        QVERIFY2(m.contains(text), qPrintable(m));                                                 \
    } while (0)

private slots:
    void initTestCase() {
        m_study = fs::path(m_dir.path().toStdString()) / "study.h5";
        writeStudy(bs::test::fullStudy(4, 5), m_study);
        m_bytes = bs::test::readFile(m_study);
        m_heap = firstCollection(m_bytes);
        QVERIFY(m_heap != std::string::npos);
        m_names = namesOffset(m_study);
        QVERIFY(m_names > 0 && m_names + 64 <= m_bytes.size());
        // The references of /models/name point into a collection the checker found.
        const h5::GlobalHeaps heaps(m_study.string(), 0, 8);
        QVERIFY(heaps.collections() >= 1);
        QCOMPARE(QString::fromStdString(heaps.damage()), QString());
        QCOMPARE(QString::fromStdString(heaps.checkReference(get(m_bytes, m_names + 4, 8),
                                                             get(m_bytes, m_names + 12, 4),
                                                             get(m_bytes, m_names, 4))),
                 QString());
    }

    // HDF5 copied this many bytes into a buffer sized by the reference: SIGSEGV.
    void objectSizeBeyondCollection() {
        std::string bytes = m_bytes;
        put(bytes, m_heap + 16 + 8, 8, uint64_t{1} << 62); // object 1's size
        EXPECT_DAMAGE(bytes, "object-size.h5",
                      "is damaged: global heap collection at byte " + QString::number(m_heap) +
                          ": object 1 claims 4611686018427387904 bytes");
    }

    // A collection smaller than HDF5 ever writes, or larger than the file.
    void collectionSize() {
        std::string bytes = m_bytes;
        put(bytes, m_heap + 8, 8, 100);
        EXPECT_DAMAGE(bytes, "small-collection.h5", "size 100 bytes does not fit");
        put(bytes, m_heap + 8, 8, bytes.size() * 2);
        EXPECT_DAMAGE(bytes, "large-collection.h5", "does not fit the file");
    }

    // A free-space object of size 0 made HDF5 walk the collection forever (a hang).
    void emptyFreeSpace() {
        std::string bytes = m_bytes;
        put(bytes, m_heap + 16, 2, 0);     // object 1 becomes "free space"...
        put(bytes, m_heap + 16 + 8, 8, 0); // ...of 0 bytes
        EXPECT_DAMAGE(bytes, "empty-free-space.h5", "smaller than its own header");
    }

    void objectListedTwice() {
        std::string bytes = m_bytes;
        const size_t second = m_heap + 16 + 16 + (get(bytes, m_heap + 16 + 8, 8) + 7) / 8 * 8;
        put(bytes, second, 2, get(bytes, m_heap + 16, 2)); // object 2 takes object 1's index
        EXPECT_DAMAGE(bytes, "duplicate.h5", "is listed twice");
    }

    // References in a text dataset's values are not checksummed: each is checked.
    void textReferences() {
        std::string bytes = m_bytes;
        put(bytes, m_names + 12, 4, 999); // the object index
        EXPECT_DAMAGE(bytes, "reference-index.h5",
                      "/models/name: value 0 refers to object 999 of the global heap collection");
        bytes = m_bytes;
        put(bytes, m_names, 4, get(m_bytes, m_names, 4) + 5); // the text's length
        EXPECT_DAMAGE(bytes, "reference-length.h5", "/models/name: value 0 says its text has");
        bytes = m_bytes;
        put(bytes, m_names + 4, 8, 24); // the collection's address
        EXPECT_DAMAGE(bytes, "reference-address.h5",
                      "/models/name: value 0 refers to byte 24, where no global heap collection");
    }

    // Not damage but a made-up file (valid checksums): sizes no memory can hold are refused
    // before anything that size is allocated.
    void absurdSizes() {
        const fs::path points = fs::path(m_dir.path().toStdString()) / "points.h5";
        fs::copy_file(m_study, points);
        {
            const hid_t f = H5Fopen(points.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
            const hid_t a = H5Aopen(f, "points", H5P_DEFAULT);
            const int64_t huge = int64_t{1} << 40;
            QVERIFY(H5Awrite(a, H5T_NATIVE_INT64, &huge) >= 0);
            H5Aclose(a);
            H5Fclose(f);
        }
        EXPECT_DAMAGE(bs::test::readFile(points), "points-copy.h5",
                      "/ attribute 'points': is 1099511627776 with 4 models");

        const fs::path score = fs::path(m_dir.path().toStdString()) / "score.h5";
        fs::copy_file(m_study, score);
        {
            const hid_t f = H5Fopen(score.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
            QVERIFY(H5Ldelete(f, "/clusterings/cg-snli-k2/score", H5P_DEFAULT) >= 0);
            const hsize_t dims[1] = {hsize_t{1} << 50}; // never written: no space in the file
            const hid_t space = H5Screate_simple(1, dims, nullptr);
            const hid_t d = H5Dcreate2(f, "/clusterings/cg-snli-k2/score", H5T_IEEE_F64LE, space,
                                       H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(d >= 0);
            H5Dclose(d);
            H5Sclose(space);
            H5Fclose(f);
        }
        EXPECT_DAMAGE(bs::test::readFile(score), "score-copy.h5",
                      "/clusterings/cg-snli-k2/score: claims 1125899906842624 values");
    }
};

QTEST_GUILESS_MAIN(TestDamagedStudies)
#include "test_damaged_studies.moc"
