#pragma once
// Settings: every persistent preference of the GUI, typed, with change signals.

#include <QByteArray>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

class QSettings;

namespace bs::ui {

// All keys live in settings.cpp; nothing else in the GUI reads QSettings. Setters emit the
// matching signal only when the value changes.
class Settings : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecentFiles = 10;

    // Uses `backend` when given (tests pass an INI file), else the user's BasinScope settings.
    explicit Settings(QSettings* backend = nullptr, QObject* parent = nullptr);
    ~Settings() override;

    // Most recent first; files that no longer exist are kept until opening them fails.
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    void clearRecentFiles();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& value);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& value);

    // Connectivity view: matrix ("cg", "bh", "peak_excess", "auc", "distance"), dataset name
    // (empty = surface), sort column id (empty = model order) and direction.
    QString heatmapMatrix() const;
    void setHeatmapMatrix(const QString& value);
    QString heatmapDataset() const;
    void setHeatmapDataset(const QString& value);
    QString heatmapSortColumn() const;
    void setHeatmapSortColumn(const QString& value);
    bool heatmapSortAscending() const;
    void setHeatmapSortAscending(bool value);

    // Interpolation view: "pairs" or "groups"; group column id and size k; hidden datasets.
    QString curveMode() const;
    void setCurveMode(const QString& value);
    QString groupColumn() const;
    void setGroupColumn(const QString& value);
    int groupSize() const;
    void setGroupSize(int value);
    QStringList hiddenCurveDatasets() const;
    void setHiddenCurveDatasets(const QStringList& value);

    // Export dialog.
    QSize exportSize() const;
    void setExportSize(const QSize& value);
    int exportDpi() const;
    void setExportDpi(int value);
    QString lastDirectory() const;
    void setLastDirectory(const QString& value);

    // Compute jobs.
    int batchSize() const;
    void setBatchSize(int value);
    // The model cache's budget in MiB; 0 means the engine's default (half of the memory).
    int memoryBudgetMiB() const;
    void setMemoryBudgetMiB(int value);
    // "fp32", "bf16" or "fp16"; empty means the device's default (fp32 on a CPU).
    QString precision() const;
    void setPrecision(const QString& value);

signals:
    void recentFilesChanged();
    void connectivityOptionsChanged();
    void curveOptionsChanged();
    void exportOptionsChanged();
    void computeOptionsChanged();

private:
    QVariant value(const char* key, const QVariant& fallback) const;
    bool store(const char* key, const QVariant& value); // true when it changed

    QSettings* m_settings = nullptr;
    bool m_owned = false;
};

} // namespace bs::ui
