#include "core/study/example_loss_store.h"

#include "core/common/error.h"
#include "core/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <unistd.h>

namespace bs {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kStoreFormat = 1;

class Fd {
public:
    Fd() = default;
    Fd(const fs::path& path, bool write)
        : m_path(path) {
        m_fd = ::open(path.c_str(), (write ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw Error(path.string() + ": cannot open: " + std::strerror(errno));
    }
    ~Fd() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(Fd&& o) noexcept
        : m_fd(o.m_fd)
        , m_path(std::move(o.m_path)) {
        o.m_fd = -1;
    }
    Fd& operator=(Fd&& o) noexcept {
        if (this != &o) {
            if (m_fd >= 0)
                ::close(m_fd);
            m_fd = o.m_fd;
            m_path = std::move(o.m_path);
            o.m_fd = -1;
        }
        return *this;
    }
    void writeAt(const void* data, size_t bytes, int64_t offset) const {
        const char* p = static_cast<const char*>(data);
        while (bytes > 0) {
            const ssize_t n = ::pwrite(m_fd, p, bytes, offset);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                throw Error(m_path.string() +
                            ": writing failed (is the disk full?): " + std::strerror(errno));
            p += n;
            bytes -= static_cast<size_t>(n);
            offset += n;
        }
    }
    // Bytes past the end of the file (never written) read as zero, like the file's holes.
    void readAt(void* data, size_t bytes, int64_t offset) const {
        char* p = static_cast<char*>(data);
        while (bytes > 0) {
            const ssize_t n = ::pread(m_fd, p, bytes, offset);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Error(m_path.string() + ": reading failed: " + std::strerror(errno));
            if (n == 0) {
                std::memset(p, 0, bytes);
                return;
            }
            p += n;
            bytes -= static_cast<size_t>(n);
            offset += n;
        }
    }

private:
    int m_fd = -1;
    fs::path m_path;
};

json manifestOf(const Study& study) {
    json datasets = json::array();
    for (const DatasetEntry& d : study.datasets)
        datasets.push_back({{"name", d.name}, {"examples", d.sampleRows.size()}});
    json models = json::array();
    for (const ModelEntry& m : study.models)
        models.push_back(m.name);
    return {{"format", kStoreFormat},
            {"points", study.points},
            {"models", models},
            {"datasets", datasets}};
}

// What differs between the manifest on disk and the study, for the error message.
std::string difference(const json& onDisk, const json& wanted) {
    for (const char* key : {"format", "points", "models", "datasets"})
        if (!onDisk.contains(key) || onDisk[key] != wanted[key])
            return std::string("its ") + key + " differ from the study's";
    return {};
}

} // namespace

struct ExampleLossStore::Files {
    std::vector<Fd> models, pairs;
    Fd done;
};

fs::path ExampleLossStore::folderOf(const fs::path& studyFile) {
    return fs::path(studyFile.string() + ".examples");
}

bool ExampleLossStore::exists(const fs::path& studyFile) {
    std::error_code ec;
    return fs::is_regular_file(folderOf(studyFile) / "manifest.json", ec);
}

ExampleLossStore::ExampleLossStore(const fs::path& studyFile, const Study& study, bool create)
    : m_folder(folderOf(studyFile))
    , m_models(static_cast<int64_t>(study.models.size()))
    , m_points(study.points)
    , m_files(std::make_unique<Files>()) {
    const json wanted = manifestOf(study);
    const fs::path manifest = m_folder / "manifest.json";
    std::error_code ec;
    if (!fs::exists(manifest, ec)) {
        if (!create)
            throw Error(m_folder.string() +
                        ": no per-example losses for this study; compute them with "
                        "`basinscope-cli curves STUDY --example-losses`");
        fs::create_directories(m_folder, ec);
        if (ec)
            throw Error(m_folder.string() + ": cannot create the folder: " + ec.message());
        const std::string text = wanted.dump(1) + "\n";
        AtomicFile file(manifest);
        file.write(text.data(), text.size());
        file.commit();
    } else {
        json onDisk;
        try {
            std::ifstream in(manifest);
            onDisk = json::parse(in);
        } catch (const std::exception& e) {
            throw Error(manifest.string() + ": not a valid manifest: " + e.what());
        }
        if (const std::string why = difference(onDisk, wanted); !why.empty())
            throw Error(m_folder.string() + ": these per-example losses were computed for " +
                        "another layout of the study (" + why +
                        "); move the folder away to compute them again");
    }
    for (const DatasetEntry& d : study.datasets) {
        m_examples.push_back(static_cast<int64_t>(d.sampleRows.size()));
        m_files->models.emplace_back(m_folder / (d.name + ".models.f32"), create);
        m_files->pairs.emplace_back(m_folder / (d.name + ".pairs.f32"), create);
    }
    m_files->done = Fd(m_folder / "complete.u8", create);
}

ExampleLossStore::~ExampleLossStore() = default;

int64_t ExampleLossStore::examples(size_t dataset) const {
    return m_examples.at(dataset);
}

bool ExampleLossStore::hasModel(int64_t model) const {
    uint8_t flag = 0;
    m_files->done.readAt(&flag, 1, model);
    return flag == 1;
}

bool ExampleLossStore::hasPair(int64_t i, int64_t j) const {
    uint8_t flag = 0;
    m_files->done.readAt(&flag, 1, m_models + pairRow(std::min(i, j), std::max(i, j), m_models));
    return flag == 1;
}

int64_t ExampleLossStore::modelsStored() const {
    int64_t n = 0;
    for (int64_t m = 0; m < m_models; ++m)
        n += hasModel(m) ? 1 : 0;
    return n;
}

int64_t ExampleLossStore::pairsStored() const {
    const int64_t pairs = pairCount(m_models);
    std::vector<uint8_t> flags(static_cast<size_t>(pairs));
    m_files->done.readAt(flags.data(), flags.size(), m_models);
    int64_t n = 0;
    for (const uint8_t f : flags)
        n += f == 1 ? 1 : 0;
    return n;
}

namespace {

void checkSizes(const std::vector<std::vector<float>>& perDataset,
                const std::vector<int64_t>& examples, const fs::path& folder) {
    if (perDataset.size() != examples.size())
        throw Error(folder.string() + ": got per-example losses of " +
                    std::to_string(perDataset.size()) + " datasets for " +
                    std::to_string(examples.size()));
    for (size_t d = 0; d < examples.size(); ++d)
        if (static_cast<int64_t>(perDataset[d].size()) != examples[d])
            throw Error(folder.string() + ": got " + std::to_string(perDataset[d].size()) +
                        " per-example losses for a dataset of " + std::to_string(examples[d]));
}

} // namespace

void ExampleLossStore::writeModel(int64_t m, const std::vector<std::vector<float>>& perDataset) {
    checkSizes(perDataset, m_examples, m_folder);
    for (size_t d = 0; d < m_examples.size(); ++d)
        m_files->models[d].writeAt(perDataset[d].data(), perDataset[d].size() * sizeof(float),
                                   m * m_examples[d] * int64_t(sizeof(float)));
    const uint8_t one = 1;
    m_files->done.writeAt(&one, 1, m);
}

void ExampleLossStore::writePoint(int64_t i, int64_t j, int64_t k,
                                  const std::vector<std::vector<float>>& perDataset) {
    checkSizes(perDataset, m_examples, m_folder);
    if (k < 1 || k > m_points - 2)
        throw Error(m_folder.string() + ": point " + std::to_string(k) + " is not interior");
    const int64_t row = pairRow(std::min(i, j), std::max(i, j), m_models);
    // Stored from min(i, j) to max(i, j): a pair given the other way round is reversed.
    const int64_t slot = i < j ? k - 1 : m_points - 2 - k;
    for (size_t d = 0; d < m_examples.size(); ++d) {
        const int64_t e = m_examples[d];
        m_files->pairs[d].writeAt(perDataset[d].data(), perDataset[d].size() * sizeof(float),
                                  ((row * (m_points - 2)) + slot) * e * int64_t(sizeof(float)));
    }
}

void ExampleLossStore::finishPair(int64_t i, int64_t j) {
    const uint8_t one = 1;
    m_files->done.writeAt(&one, 1, m_models + pairRow(std::min(i, j), std::max(i, j), m_models));
}

std::vector<float> ExampleLossStore::readModel(size_t dataset, int64_t m) const {
    if (!hasModel(m))
        throw Error(m_folder.string() + ": model " + std::to_string(m) +
                    " has no per-example losses");
    const int64_t e = m_examples.at(dataset);
    std::vector<float> out(static_cast<size_t>(e));
    m_files->models[dataset].readAt(out.data(), out.size() * sizeof(float),
                                    m * e * int64_t(sizeof(float)));
    return out;
}

std::vector<std::vector<float>> ExampleLossStore::readPair(size_t dataset, int64_t i,
                                                           int64_t j) const {
    const int64_t lo = std::min(i, j), hi = std::max(i, j);
    if (!hasPair(lo, hi))
        throw Error(m_folder.string() + ": pair (" + std::to_string(lo) + ", " +
                    std::to_string(hi) + ") has no per-example losses");
    const int64_t e = m_examples.at(dataset);
    std::vector<std::vector<float>> out;
    out.push_back(readModel(dataset, lo));
    const int64_t row = pairRow(lo, hi, m_models);
    for (int64_t slot = 0; slot < m_points - 2; ++slot) {
        std::vector<float> values(static_cast<size_t>(e));
        m_files->pairs[dataset].readAt(values.data(), values.size() * sizeof(float),
                                       ((row * (m_points - 2)) + slot) * e *
                                           int64_t(sizeof(float)));
        out.push_back(std::move(values));
    }
    out.push_back(readModel(dataset, hi));
    return out;
}

} // namespace bs
