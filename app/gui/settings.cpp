#include "app/gui/settings.h"

#include "core/common/matrix_kind.h"

#include <QSettings>

#include <algorithm>

namespace bs::ui {

namespace keys {
constexpr const char* RecentFiles = "files/recent";
constexpr const char* LastDirectory = "files/lastDirectory";
constexpr const char* WindowGeometry = "window/geometry";
constexpr const char* WindowState = "window/state";
constexpr const char* SplitterState = "window/splitter";
constexpr const char* HeatmapMatrix = "connectivity/matrix";
constexpr const char* HeatmapDataset = "connectivity/dataset";
constexpr const char* HeatmapSortColumn = "connectivity/sortColumn";
constexpr const char* HeatmapSortAscending = "connectivity/sortAscending";
constexpr const char* CurveMode = "curves/mode";
constexpr const char* GroupColumn = "curves/groupColumn";
constexpr const char* GroupSize = "curves/groupSize";
constexpr const char* HiddenCurveDatasets = "curves/hiddenDatasets";
constexpr const char* ExportSize = "export/size";
constexpr const char* ExportDpi = "export/dpi";
constexpr const char* BatchSize = "compute/batchSize";
constexpr const char* MemoryBudget = "compute/memoryBudgetMiB";
constexpr const char* Precision = "compute/precision";
} // namespace keys

Settings::Settings(QSettings* backend, QObject* parent)
    : QObject(parent)
    , m_settings(backend) {
    if (!m_settings) {
        m_settings = new QSettings(QSettings::IniFormat, QSettings::UserScope,
                                   QStringLiteral("BasinScope"), QStringLiteral("basinscope"));
        m_owned = true;
    }
}

Settings::~Settings() {
    m_settings->sync();
    if (m_owned)
        delete m_settings;
}

QVariant Settings::value(const char* key, const QVariant& fallback) const {
    return m_settings->value(QLatin1String(key), fallback);
}

bool Settings::store(const char* key, const QVariant& value) {
    const QString name = QLatin1String(key);
    if (m_settings->contains(name) && m_settings->value(name) == value)
        return false;
    m_settings->setValue(name, value);
    return true;
}

QStringList Settings::recentFiles() const {
    return value(keys::RecentFiles, QStringList()).toStringList();
}

void Settings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    if (store(keys::RecentFiles, files))
        emit recentFilesChanged();
}

void Settings::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    if (files.removeAll(path) > 0 && store(keys::RecentFiles, files))
        emit recentFilesChanged();
}

void Settings::clearRecentFiles() {
    if (store(keys::RecentFiles, QStringList()))
        emit recentFilesChanged();
}

QByteArray Settings::windowGeometry() const {
    return value(keys::WindowGeometry, QByteArray()).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& v) {
    store(keys::WindowGeometry, v);
}
QByteArray Settings::windowState() const {
    return value(keys::WindowState, QByteArray()).toByteArray();
}
void Settings::setWindowState(const QByteArray& v) {
    store(keys::WindowState, v);
}
QByteArray Settings::splitterState() const {
    return value(keys::SplitterState, QByteArray()).toByteArray();
}
void Settings::setSplitterState(const QByteArray& v) {
    store(keys::SplitterState, v);
}

QString Settings::heatmapMatrix() const {
    return value(keys::HeatmapMatrix, QString::fromStdString(matrixId(MatrixKind::ConvexityGap)))
        .toString();
}
void Settings::setHeatmapMatrix(const QString& v) {
    if (store(keys::HeatmapMatrix, v))
        emit connectivityOptionsChanged();
}
QString Settings::heatmapDataset() const {
    return value(keys::HeatmapDataset, QString()).toString();
}
void Settings::setHeatmapDataset(const QString& v) {
    if (store(keys::HeatmapDataset, v))
        emit connectivityOptionsChanged();
}
QString Settings::heatmapSortColumn() const {
    return value(keys::HeatmapSortColumn, QString()).toString();
}
void Settings::setHeatmapSortColumn(const QString& v) {
    if (store(keys::HeatmapSortColumn, v))
        emit connectivityOptionsChanged();
}
bool Settings::heatmapSortAscending() const {
    return value(keys::HeatmapSortAscending, true).toBool();
}
void Settings::setHeatmapSortAscending(bool v) {
    if (store(keys::HeatmapSortAscending, v))
        emit connectivityOptionsChanged();
}

QString Settings::curveMode() const {
    return value(keys::CurveMode, QStringLiteral("pairs")).toString();
}
void Settings::setCurveMode(const QString& v) {
    if (store(keys::CurveMode, v))
        emit curveOptionsChanged();
}
QString Settings::groupColumn() const {
    return value(keys::GroupColumn, QString()).toString();
}
void Settings::setGroupColumn(const QString& v) {
    if (store(keys::GroupColumn, v))
        emit curveOptionsChanged();
}
int Settings::groupSize() const {
    return std::clamp(value(keys::GroupSize, 5).toInt(), 1, 1000);
}
void Settings::setGroupSize(int v) {
    if (store(keys::GroupSize, std::clamp(v, 1, 1000)))
        emit curveOptionsChanged();
}
QStringList Settings::hiddenCurveDatasets() const {
    return value(keys::HiddenCurveDatasets, QStringList()).toStringList();
}
void Settings::setHiddenCurveDatasets(const QStringList& v) {
    if (store(keys::HiddenCurveDatasets, v))
        emit curveOptionsChanged();
}

QSize Settings::exportSize() const {
    const QSize size = value(keys::ExportSize, QSize(1600, 1000)).toSize();
    return size.isValid() ? size : QSize(1600, 1000);
}
void Settings::setExportSize(const QSize& v) {
    if (store(keys::ExportSize, v))
        emit exportOptionsChanged();
}
int Settings::exportDpi() const {
    return std::clamp(value(keys::ExportDpi, 144).toInt(), 24, 2400);
}
void Settings::setExportDpi(int v) {
    if (store(keys::ExportDpi, v))
        emit exportOptionsChanged();
}
QString Settings::lastDirectory() const {
    return value(keys::LastDirectory, QString()).toString();
}
void Settings::setLastDirectory(const QString& v) {
    store(keys::LastDirectory, v);
}

int Settings::batchSize() const {
    return std::clamp(value(keys::BatchSize, 64).toInt(), 1, 4096);
}
void Settings::setBatchSize(int v) {
    if (store(keys::BatchSize, std::clamp(v, 1, 4096)))
        emit computeOptionsChanged();
}

// Up to 16 TiB: a budget past any machine's memory is a typing error, not a wish.
constexpr int kMaxMemoryMiB = 16 * 1024 * 1024;

int Settings::memoryBudgetMiB() const {
    return std::clamp(value(keys::MemoryBudget, 0).toInt(), 0, kMaxMemoryMiB);
}
void Settings::setMemoryBudgetMiB(int v) {
    if (store(keys::MemoryBudget, std::clamp(v, 0, kMaxMemoryMiB)))
        emit computeOptionsChanged();
}

QString Settings::precision() const {
    const QString v = value(keys::Precision, QString()).toString();
    return v == QLatin1String("fp32") || v == QLatin1String("bf16") || v == QLatin1String("fp16")
               ? v
               : QString();
}
void Settings::setPrecision(const QString& v) {
    if (store(keys::Precision, v))
        emit computeOptionsChanged();
}

} // namespace bs::ui
