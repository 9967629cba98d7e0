#include "core/study/study_writer.h"

#include "core/common/error.h"
#include "core/study/file_sync.h"
#include "core/study/h5_file.h"
#include "core/study/study_store.h"

#include <chrono>
#include <cmath>
#include <tuple>

namespace bs {

namespace {

// What in-place updates rely on: the file's arrays have the shapes this describes.
struct Layout {
    int64_t points = 0;
    std::vector<std::string> models;
    std::vector<std::string> datasets;
    std::vector<std::pair<std::string, int64_t>> planes; // id, resolution
    std::vector<std::tuple<std::string, std::string, double, int64_t>> sharpness;
};

// Whether `s` has layout `l`, without copying the study's names (this runs on every save).
bool hasLayout(const Study& s, const Layout& l) {
    if (s.points != l.points || s.models.size() != l.models.size() ||
        s.datasets.size() != l.datasets.size() || s.planes.size() != l.planes.size() ||
        s.sharpness.size() != l.sharpness.size())
        return false;
    for (size_t i = 0; i < s.models.size(); ++i)
        if (s.models[i].name != l.models[i])
            return false;
    for (size_t d = 0; d < s.datasets.size(); ++d)
        if (s.datasets[d].name != l.datasets[d])
            return false;
    for (size_t p = 0; p < s.planes.size(); ++p)
        if (s.planes[p].id != l.planes[p].first || s.planes[p].resolution != l.planes[p].second)
            return false;
    for (size_t r = 0; r < s.sharpness.size(); ++r) {
        const SharpnessResult& x = s.sharpness[r];
        if (std::tuple{x.model, x.dataset, x.epsilon, x.steps} != l.sharpness[r])
            return false;
    }
    return true;
}

// The layout of a file this version wrote, or nullopt when it is another format version or
// lacks an array that in-place updates need (the caller then rewrites it whole).
std::optional<Layout> layoutOf(const h5::File& f) {
    if (!f.hasAttr("/", "format_version") ||
        f.readIntAttr("/", "format_version") != Study::kFormatVersion)
        return std::nullopt;
    Layout l;
    l.points = f.readIntAttr("/", "points");
    l.models = f.readStrings("/models/name");
    l.datasets = f.children("/datasets");
    for (const std::string& id : f.children("/planes"))
        l.planes.emplace_back(id, f.readIntAttr("/planes/" + id, "resolution"));
    const auto models = f.readStrings("/sharpness/model");
    const auto n = static_cast<int64_t>(models.size());
    const auto datasets = f.readStrings("/sharpness/dataset", n);
    const auto epsilons = f.readDoubles("/sharpness/epsilon", {n});
    const auto steps = f.readInts("/sharpness/steps", n);
    for (size_t r = 0; r < models.size(); ++r)
        l.sharpness.emplace_back(models[r], datasets[r], epsilons[r], steps[r]);
    return l;
}

void writeCell(h5::File& f, const std::string& path, int64_t i, int64_t j, double value) {
    f.updateDoubles(path, {i, j}, {1, 1}, &value);
}

// A unit that is not part of the study is a programming error in the caller; it is refused
// before anything is written.
void checkChange(const Study& study, const StudyChange& change, const std::string& file) {
    const auto n = static_cast<int64_t>(study.models.size());
    auto refuse = [&](const std::string& what) {
        throwFileError(file, "cannot save " + what + ": the study has " + std::to_string(n) +
                                 " models, " + std::to_string(study.planes.size()) +
                                 " planes and " + std::to_string(study.sharpness.size()) +
                                 " sharpness rows");
    };
    switch (change.kind) {
    case StudyChange::Kind::Model:
        if (change.first < 0 || change.first >= n)
            refuse("the results of model " + std::to_string(change.first));
        break;
    case StudyChange::Kind::Pair:
        if (change.first < 0 || change.first >= n || change.second < 0 || change.second >= n ||
            change.first == change.second)
            refuse("the pair (" + std::to_string(change.first) + ", " +
                   std::to_string(change.second) + ")");
        break;
    case StudyChange::Kind::Plane:
        if (change.first < 0 || change.first >= static_cast<int64_t>(study.planes.size()))
            refuse("plane number " + std::to_string(change.first));
        break;
    case StudyChange::Kind::Sharpness:
        if (change.first < 0 || change.first >= static_cast<int64_t>(study.sharpness.size()))
            refuse("sharpness row " + std::to_string(change.first));
        break;
    case StudyChange::Kind::Everything:
    case StudyChange::Kind::Distances:
        break;
    }
}

} // namespace

struct StudyWriter::Open {
    h5::File file;
    Layout layout;
};

StudyWriter::StudyWriter(std::filesystem::path file)
    : m_file(std::move(file)) {}

StudyWriter::~StudyWriter() {
    try {
        close();
    } catch (const std::exception&) {
        // Every unit was already handed to the operating system; only the disk flush failed.
    }
}

void StudyWriter::close() {
    if (!m_open)
        return;
    const auto start = std::chrono::steady_clock::now();
    {
        h5::Session session;
        std::unique_ptr<Open> open = std::move(m_open);
        open->file.close();
    }
    syncToDisk(m_file, false, m_file.string());
    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void StudyWriter::save(const Study& study, const StudyChange& change) {
    const auto start = std::chrono::steady_clock::now();
    struct AddTime {
        double& seconds;
        std::chrono::steady_clock::time_point start;
        ~AddTime() {
            seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
    } addTime{m_seconds, start};

    checkChange(study, change, m_file.string());
    if (change.kind == StudyChange::Kind::Everything) {
        saveWhole(study);
        return;
    }
    {
        h5::Session session;
        bool rewrite = false;
        if (m_open && !m_open->file.stillAt(m_file.string())) {
            // Deleted, or replaced by another file, since it was opened: units written into the
            // old one would vanish with it, so the study is written anew, whole, with every result.
            m_open.reset();
            rewrite = true;
        }
        if (!m_open && !rewrite) {
            std::error_code ec;
            if (std::filesystem::exists(m_file, ec)) {
                h5::File f = h5::File::openReadWrite(m_file.string());
                if (auto layout = layoutOf(f))
                    m_open = std::make_unique<Open>(Open{std::move(f), std::move(*layout)});
            }
        }
        if (!rewrite && m_open && hasLayout(study, m_open->layout) && saveInPlace(study, change)) {
            ++m_inPlace;
            return;
        }
    }
    saveWhole(study);
}

void StudyWriter::saveWhole(const Study& study) {
    // The rename puts a new file in place: a handle on the old one must not outlive it.
    if (m_open) {
        h5::Session session;
        std::unique_ptr<Open> open = std::move(m_open);
        open->file.close();
    }
    writeStudy(study, m_file);
    ++m_full;
}

bool StudyWriter::saveInPlace(const Study& study, const StudyChange& change) {
    h5::File& f = m_open->file;
    const auto n = static_cast<int64_t>(study.models.size());
    const int64_t p = study.points;
    auto writeHash = [&](int64_t m) {
        f.updateFixedString("/models/content_hash", m,
                            study.models[static_cast<size_t>(m)].contentHash);
    };

    switch (change.kind) {
    case StudyChange::Kind::Everything:
        break; // handled by save()
    case StudyChange::Kind::Model: {
        const int64_t m = change.first;
        for (const DatasetEntry& d : study.datasets) {
            const auto it = study.evaluations.find(d.name);
            if (it == study.evaluations.end() || it->second.size() != static_cast<size_t>(n))
                continue;
            const Evaluation& e = it->second[static_cast<size_t>(m)];
            const std::string g = "/evaluations/" + d.name;
            for (Metric metric : allMetrics()) {
                const double value = e.metric(metric);
                f.updateDoubles(g + "/" + metricFileName(metric), {m}, {1}, &value);
            }
            f.updateInt(g + "/examples", m, e.examples);
        }
        writeHash(m);
        // The loss says "evaluated" (see Evaluation::computed), so it reaches the file last.
        f.flush();
        for (const DatasetEntry& d : study.datasets) {
            const auto it = study.evaluations.find(d.name);
            if (it != study.evaluations.end() && it->second.size() == static_cast<size_t>(n))
                f.updateDoubles("/evaluations/" + d.name + "/loss", {m}, {1},
                                &it->second[static_cast<size_t>(m)].loss);
        }
        break;
    }
    case StudyChange::Kind::Pair: {
        int64_t i = change.first, j = change.second;
        if (i > j)
            std::swap(i, j);
        const int64_t row = pairRow(i, j, n);
        // A complete loss row is what tells a later run that the pair is done (a metric may
        // be NaN for good, e.g. an undefined MCC), so everything else of the pair reaches the
        // file first, and the loss rows after it. A kill may leave any part written, and each
        // part is safe alone: values are whole (aligned) and equal to a recomputation's, a
        // curve with missing points is resumed, a complete curve whose matrix cells are
        // missing gets them when read (repairMatrices).
        if (!study.distance.values.empty()) {
            const std::string distance = "/" + matrixFileName(MatrixKind::Distance);
            writeCell(f, distance, i, j, study.distance.at(i, j));
            writeCell(f, distance, j, i, study.distance.at(j, i));
        }
        writeHash(i);
        writeHash(j);
        for (const DatasetEntry& d : study.datasets) {
            const auto it = study.curves.find(d.name);
            if (it != study.curves.end() && !it->second.loss.empty())
                f.updateDoubles("/curves/" + d.name + "/metric", {row, 0}, {1, p},
                                it->second.metricCurve(i, j).data());
        }
        f.flush();
        for (const DatasetEntry& d : study.datasets) {
            const auto it = study.curves.find(d.name);
            if (it != study.curves.end() && !it->second.loss.empty())
                f.updateDoubles("/curves/" + d.name + "/loss", {row, 0}, {1, p},
                                it->second.lossCurve(i, j).data());
        }
        for (const DatasetEntry& d : study.datasets) {
            const auto it = study.matrices.find(d.name);
            if (it == study.matrices.end() || it->second.convexityGap.values.empty())
                continue;
            const std::string g = "/matrices/" + d.name;
            for (MatrixKind kind : allMatrixKinds()) {
                if (!isCurveMatrix(kind))
                    continue;
                const Matrix& matrix = it->second.of(kind);
                writeCell(f, g + "/" + matrixFileName(kind), i, j, matrix.at(i, j));
                writeCell(f, g + "/" + matrixFileName(kind), j, i, matrix.at(j, i));
            }
        }
        break;
    }
    case StudyChange::Kind::Plane: {
        const PlaneResult& plane = study.planes[static_cast<size_t>(change.first)];
        const std::string g = "/planes/" + plane.id;
        const int64_t r = plane.resolution;
        const bool atModels = plane.modelLoss.size() == 3 && plane.modelMetric.size() == 3;
        if (atModels && !f.exists(g + "/model_loss"))
            return false; // a file from before these values existed: rewrite it whole
        // As for pairs: a point with a loss counts as computed, so the losses go last.
        f.updateDoubles(g + "/metric", {0, 0}, {r, r}, plane.metric.data());
        if (atModels)
            f.updateDoubles(g + "/model_metric", {0}, {3}, plane.modelMetric.data());
        f.flush();
        f.updateDoubles(g + "/loss", {0, 0}, {r, r}, plane.loss.data());
        if (atModels)
            f.updateDoubles(g + "/model_loss", {0}, {3}, plane.modelLoss.data());
        break;
    }
    case StudyChange::Kind::Sharpness: {
        const int64_t row = change.first;
        f.updateDoubles("/sharpness/value", {row}, {1},
                        &study.sharpness[static_cast<size_t>(row)].value);
        break;
    }
    case StudyChange::Kind::Distances:
        if (!study.distance.values.empty())
            f.updateDoubles("/" + matrixFileName(MatrixKind::Distance), {0, 0}, {n, n},
                            study.distance.values.data());
        for (int64_t m = 0; m < n; ++m)
            writeHash(m);
        break;
    }
    f.flush();
    return true;
}

} // namespace bs
