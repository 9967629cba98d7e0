#include "core/study/study_store.h"

#include "core/common/error.h"
#include "core/study/curve_store.h"
#include "core/study/derived_matrices.h"
#include "core/study/file_sync.h"
#include "core/study/h5_file.h"
#include "core/study/hessian_store.h"
#include "core/study/plane_directions_store.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/statvfs.h>
#include <unistd.h>

#ifndef BASINSCOPE_VERSION
#define BASINSCOPE_VERSION "unknown"
#endif

namespace bs {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "basinscope-study";
// Content hashes ("xxh64:" and 16 hex digits) are fixed-width cells so that the hash of a model
// first loaded during a computation can be recorded in place.
constexpr size_t kContentHashWidth = 64;

// The four derived matrices in the order the file has always held them.
constexpr MatrixKind kDerivedMatrices[] = {MatrixKind::BarrierHeight, MatrixKind::ConvexityGap,
                                           MatrixKind::PeakExcess, MatrixKind::Auc};

// The loss, then every metric: the arrays of /evaluations/<dataset>.
struct EvaluationField {
    std::string name;
    double Evaluation::*member;
};
const std::vector<EvaluationField>& evaluationFields() {
    static const std::vector<EvaluationField> fields{
        {"loss", &Evaluation::loss},
        {metricFileName(Metric::Accuracy), &Evaluation::accuracy},
        {metricFileName(Metric::F1), &Evaluation::f1},
        {metricFileName(Metric::Mcc), &Evaluation::mcc},
    };
    return fields;
}

const std::string& distancePath() {
    static const std::string path = "/" + matrixFileName(MatrixKind::Distance);
    return path;
}

template <typename T, typename F> auto column(const std::vector<T>& rows, F field) {
    std::vector<std::decay_t<decltype(rows[0].*field)>> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back(row.*field);
    return out;
}

std::string errnoText() {
    return std::strerror(errno);
}

// No block left for this process on the file system of `folder`.
bool diskIsFull(const fs::path& folder) {
    struct statvfs st {};
    return ::statvfs(folder.c_str(), &st) == 0 && (st.f_bavail == 0 || st.f_bfree == 0);
}

// ---------------------------------------------------------------- writing

// The curves of pairs i < j as [pairs, P] rows (see pairRow).
std::vector<double> upperTriangle(const CurveSet& curves, std::vector<double> CurveSet::*values) {
    const int64_t n = curves.models, p = curves.points;
    std::vector<double> out;
    out.reserve(static_cast<size_t>(pairCount(n) * p));
    const std::vector<double>& all = curves.*values;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j)
            out.insert(out.end(), all.begin() + static_cast<std::ptrdiff_t>(curves.index(i, j, 0)),
                       all.begin() + static_cast<std::ptrdiff_t>(curves.index(i, j, 0) + p));
    return out;
}

void writeLayout(h5::File& f, const Study& s) {
    const auto n = static_cast<int64_t>(s.models.size());
    const auto p = s.points;
    f.writeAttr("/", "format", std::string(kFormat));
    f.writeAttr("/", "format_version", static_cast<int64_t>(Study::kFormatVersion));
    f.writeAttr("/", "creator", std::string("BasinScope ") + BASINSCOPE_VERSION);
    f.writeAttr("/", "points", p);
    f.writeAttr("/", "max_length", s.maxLength);
    f.writeAttr("/", "model_label_names", s.modelLabelNames);
    f.writeAttr("/", "precision", s.precision);

    f.createGroup("/models");
    f.writeStrings("/models/name", column(s.models, &ModelEntry::name));
    f.writeStrings("/models/path", column(s.models, &ModelEntry::path));
    f.writeStrings("/models/family", column(s.models, &ModelEntry::family));
    f.writeInts("/models/parameter_count", column(s.models, &ModelEntry::parameterCount));
    f.writeFixedStrings("/models/content_hash", column(s.models, &ModelEntry::contentHash),
                        kContentHashWidth);
    f.writeStrings("/models/run", column(s.models, &ModelEntry::run));
    f.writeInts("/models/step", column(s.models, &ModelEntry::step));

    f.createGroup("/datasets", true);
    for (const auto& d : s.datasets) {
        const std::string g = "/datasets/" + d.name;
        f.createGroup(g);
        f.writeAttr(g, "role", std::string(roleName(d.role)));
        f.writeAttr(g, "spec", d.spec);
        f.writeAttr(g, "source", d.source);
        f.writeAttr(g, "format", d.format);
        f.writeAttr(g, "primary_metric", d.primaryMetric);
        f.writeAttr(g, "label_names", d.labelNames);
        f.writeInts(g + "/sample_rows", d.sampleRows);
    }

    // Containers left empty mean "not computed": their arrays are created but not written,
    // and HDF5 reads them back as the fill value NaN.
    f.createGroup("/evaluations");
    f.createGroup("/curves");
    f.createGroup("/matrices");
    const auto alphas = curveAlphas(p);
    const int64_t pairs = pairCount(n);
    f.createGroup("/pairs");
    std::vector<int64_t> first, second;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) {
            first.push_back(i);
            second.push_back(j);
        }
    f.writeInts("/pairs/first", first);
    f.writeInts("/pairs/second", second);
    auto dataOf = [](const std::vector<double>& v) {
        return v.empty() ? nullptr : v.data();
    };
    for (const auto& d : s.datasets) {
        const std::string e = "/evaluations/" + d.name;
        const auto evals = s.evaluations.find(d.name);
        const bool evaluated = evals != s.evaluations.end() && !evals->second.empty();
        f.createGroup(e);
        for (const auto& field : evaluationFields())
            f.writeDoubles(e + "/" + field.name, {n},
                           evaluated ? column(evals->second, field.member).data() : nullptr);
        f.writeInts(e + "/examples", evaluated ? column(evals->second, &Evaluation::examples)
                                               : std::vector<int64_t>(static_cast<size_t>(n)));

        const std::string c = "/curves/" + d.name;
        const auto curves = s.curves.find(d.name);
        f.createGroup(c);
        f.writeDoubles(c + "/alpha", {p}, alphas.data());
        // Contiguous, not chunked: an update then writes the pair's values and nothing else
        // (no chunk to read and write back, no chunk index to search); measured with
        // `bench --store`, a pair's save took 0.11 ms at N = 1,000 against 0.16 ms chunked.
        const bool computed = curves != s.curves.end() && !curves->second.loss.empty();
        f.writeDoubles(c + "/loss", {pairs, p},
                       computed ? upperTriangle(curves->second, &CurveSet::loss).data() : nullptr);
        f.writeDoubles(c + "/metric", {pairs, p},
                       computed ? upperTriangle(curves->second, &CurveSet::metric).data()
                                : nullptr);

        const std::string m = "/matrices/" + d.name;
        const auto matrices = s.matrices.find(d.name);
        f.createGroup(m);
        for (MatrixKind kind : kDerivedMatrices)
            f.writeDoubles(m + "/" + matrixFileName(kind), {n, n},
                           matrices == s.matrices.end() ? nullptr
                                                        : dataOf(matrices->second.of(kind).values));
    }
    f.writeDoubles(distancePath(), {n, n}, dataOf(s.distance.values));

    f.createGroup("/planes", true);
    for (const auto& plane : s.planes) {
        const std::string g = "/planes/" + plane.id;
        const auto r = plane.resolution;
        f.createGroup(g);
        f.writeAttr(g, "dataset", plane.dataset);
        f.writeAttr(g, "resolution", r);
        f.writeAttr(g, "margin", plane.margin);
        f.writeAttr(g, "x_min", plane.xMin);
        f.writeAttr(g, "x_max", plane.xMax);
        f.writeAttr(g, "y_min", plane.yMin);
        f.writeAttr(g, "y_max", plane.yMax);
        f.writeAttr(g, "rows_done", plane.rowsDone);
        f.writeStrings(g + "/models", plane.models);
        f.writeDoubles(g + "/model_x", {3}, plane.modelX.data());
        f.writeDoubles(g + "/model_y", {3}, plane.modelY.data());
        f.writeDoubles(g + "/loss", {r, r}, plane.loss.data());
        f.writeDoubles(g + "/metric", {r, r}, plane.metric.data());
        if (plane.modelLoss.size() == 3 && plane.modelMetric.size() == 3) {
            f.writeDoubles(g + "/model_loss", {3}, plane.modelLoss.data());
            f.writeDoubles(g + "/model_metric", {3}, plane.modelMetric.data());
        }
        writePlaneDirections(f, g, plane);
    }

    f.createGroup("/clusterings", true);
    for (const auto& c : s.clusterings) {
        const std::string g = "/clusterings/" + c.id;
        f.createGroup(g);
        f.writeAttr(g, "matrix", c.matrix);
        f.writeAttr(g, "dataset", c.dataset);
        f.writeAttr(g, "k", c.k);
        f.writeAttr(g, "delta", c.delta);
        f.writeStrings(g + "/models", c.models);
        f.writeInts(g + "/labels", c.labels);
        f.writeDoubles(g + "/embedding", {c.embedding.rows, c.embedding.cols},
                       c.embedding.values.data());
        f.writeDoubles(g + "/score", {static_cast<int64_t>(c.score.size())}, c.score.data());
    }

    f.createGroup("/sharpness");
    const auto rows = static_cast<int64_t>(s.sharpness.size());
    f.writeStrings("/sharpness/model", column(s.sharpness, &SharpnessResult::model));
    f.writeStrings("/sharpness/dataset", column(s.sharpness, &SharpnessResult::dataset));
    f.writeDoubles("/sharpness/epsilon", {rows},
                   column(s.sharpness, &SharpnessResult::epsilon).data());
    f.writeInts("/sharpness/steps", column(s.sharpness, &SharpnessResult::steps));
    f.writeDoubles("/sharpness/value", {rows}, column(s.sharpness, &SharpnessResult::value).data());
    writeHessians(f, s);
    writeTrainedCurves(f, s);
}

enum class Existing { Study, NotHdf5, Foreign, Newer, Unreadable };

Existing probeExisting(const std::string& name, std::string* detail) {
    if (H5Fis_hdf5(name.c_str()) <= 0) {
        h5::takeErrorDetail();
        return Existing::NotHdf5;
    }
    try {
        const auto existing = h5::File::openReadOnly(name);
        if (!existing.hasAttr("/", "format") || existing.readStringAttr("/", "format") != kFormat)
            return Existing::Foreign;
        const auto version = existing.readIntAttr("/", "format_version");
        *detail = std::to_string(version);
        return version > Study::kFormatVersion ? Existing::Newer : Existing::Study;
    } catch (const Error& e) {
        *detail = e.what();
        return Existing::Unreadable;
    }
}

// Replacing a file that is not one of our studies (or is a newer one) would destroy user data.
void checkReplaceable(const fs::path& file) {
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec || status.type() == fs::file_type::not_found)
        return;
    const std::string name = file.string();
    if (status.type() == fs::file_type::directory)
        throwFileError(name, "is a folder; choose a file name for the study");
    const std::string untouched = "; it was left untouched: choose another file name or remove it";
    std::string detail;
    switch (probeExisting(name, &detail)) {
    case Existing::Study:
        return;
    case Existing::NotHdf5:
        throwFileError(name, "exists and is not a BasinScope study (not an HDF5 file)" + untouched);
    case Existing::Foreign:
        throwFileError(name, "exists and is an HDF5 file but not a BasinScope study" + untouched);
    case Existing::Newer:
        throwFileError(name, "was written by a newer BasinScope (study format " + detail +
                                 "), which this version cannot keep" + untouched);
    case Existing::Unreadable:
        throw Error(detail + untouched);
    }
}

// ---------------------------------------------------------------- reading

void readModels(const h5::File& f, Study& s) {
    const auto names = f.readStrings("/models/name");
    const auto n = static_cast<int64_t>(names.size());
    const auto paths = f.readStrings("/models/path", n);
    const auto families = f.readStrings("/models/family", n);
    const auto counts = f.readInts("/models/parameter_count", n);
    const auto hashes = f.readStrings("/models/content_hash", n);
    const auto runs = f.readStrings("/models/run", n);
    const auto steps = f.readInts("/models/step", n);
    for (int64_t i = 0; i < n; ++i)
        s.models.push_back(
            ModelEntry{names[i], paths[i], families[i], counts[i], hashes[i], runs[i], steps[i]});
}

void readDatasets(const h5::File& f, Study& s) {
    for (const auto& name : f.children("/datasets")) {
        const std::string g = "/datasets/" + name;
        if (!f.isGroup(g))
            f.fail(g, "should be a group describing one dataset");
        DatasetEntry d;
        d.name = name;
        const auto role = f.readStringAttr(g, "role");
        try {
            d.role = parseRole(role);
        } catch (const Error& e) {
            f.fail(g + " attribute 'role'", e.what());
        }
        d.spec = f.readStringAttr(g, "spec");
        d.source = f.readStringAttr(g, "source");
        d.format = f.readStringAttr(g, "format");
        d.primaryMetric = f.readStringAttr(g, "primary_metric");
        d.labelNames = f.readStringListAttr(g, "label_names");
        d.sampleRows = f.readInts(g + "/sample_rows");
        s.datasets.push_back(std::move(d));
    }
}

// Expands [pairs, P] rows into the [N, N, P] curves, mirrored.
void fillFromTriangle(CurveSet& curves, std::vector<double> CurveSet::*values,
                      const std::vector<double>& rows) {
    const int64_t n = curves.models, p = curves.points;
    std::vector<double>& all = curves.*values;
    size_t row = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j, ++row)
            for (int64_t k = 0; k < p; ++k) {
                const double v = rows[row * static_cast<size_t>(p) + static_cast<size_t>(k)];
                all[curves.index(i, j, k)] = v;
                all[curves.index(j, i, p - 1 - k)] = v;
            }
}

// Results groups are optional (absent means "not computed"); present ones must fit.
void checkResultGroups(const h5::File& f, const Study& s, const std::string& group) {
    if (!f.exists(group))
        return;
    for (const auto& name : f.children(group))
        if (s.datasetIndex(name) < 0)
            f.fail(group + "/" + name, "belongs to no dataset listed in /datasets");
}

void readResults(const h5::File& f, Study& s, int64_t version) {
    const auto n = static_cast<int64_t>(s.models.size());
    const auto p = s.points;
    checkResultGroups(f, s, "/evaluations");
    checkResultGroups(f, s, "/curves");
    checkResultGroups(f, s, "/matrices");
    for (const auto& d : s.datasets) {
        const std::string e = "/evaluations/" + d.name;
        auto& evals = s.evaluations[d.name];
        evals.assign(static_cast<size_t>(n), Evaluation{});
        for (const auto& field : evaluationFields())
            if (f.exists(e + "/" + field.name)) {
                const auto values = f.readDoubles(e + "/" + field.name, {n});
                for (int64_t i = 0; i < n; ++i)
                    evals[i].*field.member = values[i];
            }
        if (f.exists(e + "/examples")) {
            const auto values = f.readInts(e + "/examples", n);
            for (int64_t i = 0; i < n; ++i)
                evals[i].examples = values[i];
        }

        const std::string c = "/curves/" + d.name;
        auto& curves = s.curves[d.name];
        curves = CurveSet::empty(n, p);
        if (f.exists(c + "/alpha")) {
            const auto alphas = f.readDoubles(c + "/alpha", {p});
            const auto expected = curveAlphas(p);
            for (int64_t k = 0; k < p; ++k)
                if (std::abs(alphas[k] - expected[k]) > 1e-9)
                    f.fail(c + "/alpha",
                           "value " + std::to_string(k) + " is " + std::to_string(alphas[k]) +
                               ", expected k / (P - 1) = " + std::to_string(expected[k]));
        }
        if (version == 1) {
            if (f.exists(c + "/loss"))
                curves.loss = f.readDoubles(c + "/loss", {n, n, p});
            if (f.exists(c + "/metric"))
                curves.metric = f.readDoubles(c + "/metric", {n, n, p});
        } else {
            if (f.exists(c + "/loss"))
                fillFromTriangle(curves, &CurveSet::loss,
                                 f.readDoubles(c + "/loss", {pairCount(n), p}));
            if (f.exists(c + "/metric"))
                fillFromTriangle(curves, &CurveSet::metric,
                                 f.readDoubles(c + "/metric", {pairCount(n), p}));
        }

        const std::string m = "/matrices/" + d.name;
        auto& matrices = s.matrices[d.name];
        for (MatrixKind kind : kDerivedMatrices) {
            Matrix& matrix = matrices.of(kind);
            const std::string path = m + "/" + matrixFileName(kind);
            matrix = Matrix::filled(n, n);
            if (f.exists(path))
                matrix.values = f.readDoubles(path, {n, n});
        }
    }
    s.distance = Matrix::filled(n, n);
    if (f.exists(distancePath()))
        s.distance.values = f.readDoubles(distancePath(), {n, n});
}

void readPlanes(const h5::File& f, Study& s) {
    if (!f.exists("/planes"))
        return;
    for (const auto& id : f.children("/planes")) {
        const std::string g = "/planes/" + id;
        PlaneResult plane;
        plane.id = id;
        plane.dataset = f.readStringAttr(g, "dataset");
        plane.resolution = f.readIntAttr(g, "resolution");
        const auto r = plane.resolution;
        if (r < 0)
            f.fail(g + " attribute 'resolution'", "is negative: " + std::to_string(r));
        plane.margin = f.readDoubleAttr(g, "margin");
        plane.xMin = f.readDoubleAttr(g, "x_min");
        plane.xMax = f.readDoubleAttr(g, "x_max");
        plane.yMin = f.readDoubleAttr(g, "y_min");
        plane.yMax = f.readDoubleAttr(g, "y_max");
        plane.models = f.readStrings(g + "/models", 3);
        plane.modelX = f.readDoubles(g + "/model_x", {3});
        plane.modelY = f.readDoubles(g + "/model_y", {3});
        plane.loss = f.readDoubles(g + "/loss", {r, r});
        plane.metric = f.readDoubles(g + "/metric", {r, r});
        if (f.exists(g + "/model_loss")) {
            plane.modelLoss = f.readDoubles(g + "/model_loss", {3});
            plane.modelMetric = f.readDoubles(g + "/model_metric", {3});
        } else {
            plane.modelLoss.assign(3, kNaN);
            plane.modelMetric.assign(3, kNaN);
        }
        // The grid is updated in place while the attribute is written only by a full save, so
        // the values say how far the computation got.
        plane.rowsDone = completePlaneRows(plane);
        readPlaneDirections(f, g, plane);
        s.planes.push_back(std::move(plane));
    }
}

void readClusterings(const h5::File& f, Study& s) {
    if (!f.exists("/clusterings"))
        return;
    for (const auto& id : f.children("/clusterings")) {
        const std::string g = "/clusterings/" + id;
        ClusteringResult c;
        c.id = id;
        c.matrix = f.readStringAttr(g, "matrix");
        c.dataset = f.readStringAttr(g, "dataset");
        c.k = f.readIntAttr(g, "k");
        c.delta = f.readDoubleAttr(g, "delta");
        c.models = f.readStrings(g + "/models");
        const auto count = static_cast<int64_t>(c.models.size());
        c.labels = f.readInts(g + "/labels", count);
        std::vector<int64_t> dims;
        c.embedding.values = f.readDoubles(g + "/embedding", {-1, -1}, &dims);
        c.embedding.rows = dims[0];
        c.embedding.cols = dims[1];
        if (!c.embedding.values.empty() && c.embedding.rows != count)
            f.fail(g + "/embedding", "has shape " + h5::formatShape(dims) + ", expected " +
                                         std::to_string(count) + " rows, one per model");
        c.score = f.readDoubles(g + "/score", {-1});
        if (!c.score.empty() && static_cast<int64_t>(c.score.size()) != count)
            f.fail(g + "/score", "has " + std::to_string(c.score.size()) +
                                     " values, expected 0 or " + std::to_string(count));
        s.clusterings.push_back(std::move(c));
    }
}

void readSharpness(const h5::File& f, Study& s) {
    if (!f.exists("/sharpness"))
        return;
    const auto models = f.readStrings("/sharpness/model");
    const auto n = static_cast<int64_t>(models.size());
    const auto datasets = f.readStrings("/sharpness/dataset", n);
    const auto epsilons = f.readDoubles("/sharpness/epsilon", {n});
    const auto steps = f.readInts("/sharpness/steps", n);
    const auto values = f.readDoubles("/sharpness/value", {n});
    for (int64_t i = 0; i < n; ++i)
        s.sharpness.push_back(
            SharpnessResult{models[i], datasets[i], epsilons[i], steps[i], values[i]});
}

// The curves are held as [N, N, P] per dataset (loss and metric): a file that claims more
// models and points than memory can hold is refused before anything that size is allocated.
void checkMemory(const h5::File& f, const Study& s) {
    const auto n = static_cast<uint64_t>(s.models.size());
    const auto p = static_cast<uint64_t>(s.points);
    const auto sets = static_cast<uint64_t>(std::max<size_t>(1, s.datasets.size()));
    uint64_t values = 0;
    const bool overflow = __builtin_mul_overflow(n, n, &values) ||
                          __builtin_mul_overflow(values, p, &values) ||
                          __builtin_mul_overflow(values, 2 * sets * sizeof(double), &values);
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
    const uint64_t memory = pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * page : ~0ull;
    if (overflow || values > memory)
        f.fail("/ attribute 'points'",
               "is " + std::to_string(p) + " with " + std::to_string(n) + " models and " +
                   std::to_string(s.datasets.size()) +
                   " datasets: the curves would not fit in this machine's memory");
}

} // namespace

Study readStudy(const fs::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found)
        throwFileError(name, "no such study file");
    if (status.type() == fs::file_type::directory)
        throwFileError(name, "is a folder, not a study file");
    if (ec)
        throwFileError(name, "cannot be read: " + ec.message());
    if (const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC); fd < 0)
        throwFileError(name, "cannot be read: " + errnoText());
    else
        ::close(fd);

    h5::Session session;
    const htri_t isHdf5 = H5Fis_hdf5(name.c_str());
    if (isHdf5 <= 0) {
        const auto detail = h5::takeErrorDetail();
        if (isHdf5 < 0)
            throwFileError(name, "cannot be read" + (detail.empty() ? "" : " (" + detail + ")"));
        throwFileError(name, "is not a BasinScope study: it is not an HDF5 file");
    }
    const auto f = h5::File::openReadOnly(name);
    if (!f.hasAttr("/", "format"))
        f.fail("", "is an HDF5 file but not a BasinScope study (no root attribute 'format')");
    if (const auto format = f.readStringAttr("/", "format"); format != kFormat)
        f.fail("", "is an HDF5 file but not a BasinScope study (root attribute 'format' is '" +
                       format + "', expected '" + kFormat + "')");
    const auto version = f.readIntAttr("/", "format_version");
    if (version > Study::kFormatVersion)
        f.fail("", "was written by a newer BasinScope (study format " + std::to_string(version) +
                       "); this version reads format " + std::to_string(Study::kFormatVersion) +
                       " and older: update BasinScope");
    if (version < 1)
        f.fail("/ attribute 'format_version'",
               "is " + std::to_string(version) + ", expected a positive version");

    Study s;
    s.points = f.readIntAttr("/", "points");
    if (s.points < 2)
        f.fail("/ attribute 'points'", "is " + std::to_string(s.points) + ", expected at least 2");
    s.maxLength = f.readIntAttr("/", "max_length");
    if (s.maxLength < 1)
        f.fail("/ attribute 'max_length'",
               "is " + std::to_string(s.maxLength) + ", expected a positive token count");
    if (f.hasAttr("/", "model_label_names"))
        s.modelLabelNames = f.readStringListAttr("/", "model_label_names");
    if (f.hasAttr("/", "precision"))
        s.precision = f.readStringAttr("/", "precision");
    readModels(f, s);
    readDatasets(f, s);
    checkMemory(f, s);
    readResults(f, s, version);
    readPlanes(f, s);
    readClusterings(f, s);
    readSharpness(f, s);
    readHessians(f, s);
    readTrainedCurves(f, s);
    repairMatrices(s);
    try {
        s.validate();
    } catch (const Error& e) {
        throwFileError(name, e.what());
    }
    return s;
}

void writeStudy(const Study& study, const fs::path& file) {
    const std::string name = file.string();
    const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throwFileError(name,
                       "cannot save the study: folder " + folder.string() + " does not exist");
    try {
        study.validate();
    } catch (const Error& e) {
        throwFileError(name, std::string("cannot save the study: ") + e.what());
    }

    h5::Session session;
    checkReplaceable(file);
    const fs::path temp = fs::path(name + ".tmp-" + std::to_string(::getpid()));
    std::optional<h5::File> f;
    try {
        f.emplace(h5::File::create(temp.string()));
        writeLayout(*f, study);
        // A close that runs out of space is fatal to HDF5 (see h5::File::close); a full disk is
        // found here instead, while the file can still be abandoned.
        f->reserveSpace();
        f->close();
        f.reset();
        syncToDisk(temp, false, name);
        if (::rename(temp.c_str(), file.c_str()) != 0)
            throwFileError(name, "cannot replace the study file: " + errnoText());
    } catch (const Error& e) {
        // HDF5 does not always keep the system's reason (closing a handle clears its error
        // stack), so a disk the partial copy filled up is named here, before it is removed.
        const bool full = diskIsFull(folder);
        if (f)
            f->abandon(); // a close would write to the full disk again
        fs::remove(temp, ec);
        // The error names the temporary copy; what the user saved is the study, and what they
        // need to know is that the study on disk is as it was.
        std::string reason = e.what();
        if (reason.rfind(temp.string() + ": ", 0) == 0)
            reason = "writing " + temp.filename().string() + ": " +
                     reason.substr(temp.string().size() + 2);
        else if (reason.rfind(name + ": ", 0) == 0)
            reason = reason.substr(name.size() + 2);
        if (full && reason.find("No space left") == std::string::npos)
            reason += " (No space left on device: " + folder.string() + " is full)";
        throwFileError(name, "cannot save the study (the file on disk is unchanged): " + reason);
    } catch (...) {
        if (f)
            f->abandon();
        fs::remove(temp, ec);
        throw;
    }
    syncToDisk(folder, true, name);
}

} // namespace bs
