// The [N, N] matrices derived from curves hold NaN on the diagonal (docs/study-format.md: "NaN
// on the diagonal and where a pair is not computed"), in memory, in the file and in the CSV;
// files written before, with 0 there, read as they are and cluster the same.
#include "core/analysis/clustering.h"
#include "core/analysis/rand_index.h"
#include "core/analysis/spectral.h"
#include "core/jobs/cluster_job.h"
#include "core/study/derived_matrices.h"
#include "core/study/study_csv.h"
#include "core/study/study_store.h"
#include "tests/analysis/fixture.h"
#include "tests/study/study_samples.h"

#include <QtTest>

#include <hdf5.h>

#include <cmath>
#include <sstream>

using namespace bs;
namespace fs = std::filesystem;

namespace {

// The values of an [N, N] float64 dataset, read with the HDF5 library itself (not BasinScope's
// reader).
std::vector<double> rawMatrix(const fs::path& file, const std::string& path, int64_t n) {
    std::vector<double> values(static_cast<size_t>(n * n), -1.0);
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, path.c_str(), H5P_DEFAULT);
    const herr_t read = H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(d);
    H5Fclose(f);
    if (read < 0)
        values.clear();
    return values;
}

// Cell (row, column) of a CSV without quoted commas, header row and name column included.
std::string csvCell(const std::string& csv, size_t row, size_t column) {
    std::istringstream lines(csv);
    std::string line;
    for (size_t r = 0; r <= row; ++r)
        std::getline(lines, line);
    std::istringstream cells(line);
    std::string cell;
    for (size_t c = 0; c <= column; ++c)
        std::getline(cells, cell, ',');
    return cell;
}

Matrix withDiagonal(Matrix m, double value) {
    for (int64_t i = 0; i < m.rows; ++i)
        m(i, i) = value;
    return m;
}

} // namespace

class MatrixDiagonal : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // Three models whose pairs have the fixture's 10-point curves (numpy's barrier values):
    // the off-diagonal cells are the reference values, the diagonal is NaN everywhere.
    void newStudiesHoldNaNOnTheDiagonal() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        std::vector<nlohmann::json> curves;
        const nlohmann::json fixture = test::analysisFixture();
        for (const auto& c : fixture.at("barriers").at("curves"))
            if (c.at("loss").size() == 10 && curves.size() < 3)
                curves.push_back(c);
        QCOMPARE(curves.size(), size_t(3));

        Study s;
        s.points = 10;
        for (const char* name : {"a", "b", "c"})
            s.models.push_back(test::sampleModel(name));
        s.datasets.push_back(test::sampleDataset("snli", DatasetRole::Surface));
        s.ensureShapes();
        const std::pair<int64_t, int64_t> pairs[] = {{0, 1}, {0, 2}, {1, 2}};
        for (size_t p = 0; p < 3; ++p) {
            const auto loss = curves[p].at("loss").get<std::vector<double>>();
            s.curves["snli"].setPair(pairs[p].first, pairs[p].second, loss, loss);
        }
        updateAllMatrices(s);

        const DerivedMatrices& m = s.matrices.at("snli");
        for (size_t p = 0; p < 3; ++p) {
            const auto [i, j] = pairs[p];
            for (const auto& [kind, key] : {std::pair{MatrixKind::BarrierHeight, "bh"},
                                            std::pair{MatrixKind::ConvexityGap, "cg"},
                                            std::pair{MatrixKind::PeakExcess, "peak_excess"}}) {
                const double expected = curves[p].at(key).get<double>();
                QVERIFY(std::abs(m.of(kind)(i, j) - expected) < 1e-12);
                QCOMPARE(m.of(kind)(j, i), m.of(kind)(i, j));
            }
        }
        for (MatrixKind kind : allMatrixKinds())
            if (isCurveMatrix(kind))
                for (int64_t i = 0; i < 3; ++i)
                    QVERIFY2(std::isnan(m.of(kind)(i, i)), matrixId(kind).c_str());

        // The file, read with HDF5 itself, and the CSV agree.
        const fs::path file = fs::path(m_dir.path().toStdString()) / "diagonal.h5";
        s.distance = Matrix::filled(3, 3, 0.0);
        writeStudy(s, file);
        for (MatrixKind kind : allMatrixKinds()) {
            if (!isCurveMatrix(kind))
                continue;
            const auto raw = rawMatrix(file, "/matrices/snli/" + matrixFileName(kind), 3);
            QCOMPARE(raw.size(), size_t(9));
            for (int64_t i = 0; i < 3; ++i) {
                QVERIFY2(std::isnan(raw[size_t(i * 3 + i)]), matrixFileName(kind).c_str());
                QVERIFY(std::isfinite(raw[size_t(i * 3 + (i + 1) % 3)]));
            }
            const std::string csv = matrixCsv(readStudy(file), matrixId(kind), "snli");
            for (size_t i = 1; i <= 3; ++i) {
                QCOMPARE(csvCell(csv, i, i), std::string());
                QVERIFY(!csvCell(csv, i, i % 3 + 1).empty());
            }
        }
        // The distance of a model to itself is 0, as documented.
        QCOMPARE(rawMatrix(file, "/" + matrixFileName(MatrixKind::Distance), 3)[0], 0.0);
    }

    // Clustering ignores the diagonal: the fixture's distances with NaN on it give
    // scikit-learn's labels and the same delta as with 0 there.
    void clusteringIgnoresTheDiagonal() {
        BS_REQUIRE_ANALYSIS_FIXTURE();
        const nlohmann::json fixture = test::analysisFixture();
        const auto& s = fixture.at("spectral");
        const Matrix zero = withDiagonal(test::matrixFromJson(s.at("distance")), 0.0);
        const Matrix nan = withDiagonal(zero, kNaN);
        const auto sklearn = s.at("sklearn_labels").get<std::vector<int>>();
        for (const bool median : {false, true}) {
            ClusteringOptions options;
            options.clusters = 2;
            options.medianDelta = median;
            options.missing = MissingDistances::ExcludeModels;
            const Clustering a = clusterDistances(zero, options);
            const Clustering b = clusterDistances(nan, options);
            QCOMPARE(b.models.size(), size_t(24)); // no model dropped for its NaN diagonal
            QCOMPARE(b.labels, a.labels);
            QCOMPARE(b.delta, a.delta);
            if (!median)
                QCOMPARE(adjustedRandIndex(b.labels, sklearn), 1.0);
        }
        QCOMPARE(medianOffDiagonal(nan), medianOffDiagonal(zero));
    }

    // A file written before, with 0 on the diagonal, reads as it is and clusters as the
    // clustering stored in it (made by that older version) and as with NaN there.
    void oldFilesReadTheSame() {
        const fs::path file = fs::path(BS_TEST_DATA_DIR) / "study" / "format-v1.h5";
        Study old = readStudy(file);
        const Matrix& cg = old.matrices.at("dev").convexityGap;
        QCOMPARE(cg(0, 0), 0.0);
        const ClusteringResult* stored = nullptr;
        for (const ClusteringResult& c : old.clusterings)
            if (c.matrix == matrixId(MatrixKind::ConvexityGap))
                stored = &c;
        QVERIFY(stored);
        ClusterRequest request;
        request.matrix = stored->matrix;
        request.dataset = stored->dataset;
        request.k = stored->k;
        request.medianDelta = true;
        const ClusteringResult again = clusterModels(old, request);
        QCOMPARE(again.models, stored->models);
        QCOMPARE(adjustedRandIndex(std::vector<int>(again.labels.begin(), again.labels.end()),
                                   std::vector<int>(stored->labels.begin(), stored->labels.end())),
                 1.0);
        Study updated = old;
        for (MatrixKind kind : allMatrixKinds())
            if (isCurveMatrix(kind))
                updated.matrices.at("dev").of(kind) =
                    withDiagonal(old.matrices.at("dev").of(kind), kNaN);
        const ClusteringResult withNaN = clusterModels(updated, request);
        QCOMPARE(withNaN.labels, again.labels);
        QCOMPARE(withNaN.delta, again.delta);
    }
};

QTEST_GUILESS_MAIN(MatrixDiagonal)
#include "test_matrix_diagonal.moc"
