#pragma once
// MainActions: the menus and actions of the main window, and which are enabled when.

#include <QObject>
#include <QStringList>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;

namespace bs::ui {

class Settings;

class MainActions : public QObject {
    Q_OBJECT
public:
    MainActions(QMainWindow* window, Settings* settings);

    // File
    QAction* newStudy;
    QAction* open;
    QMenu* recentMenu;
    QAction* reload;
    QAction* close;
    QAction* exportView;
    QAction* exportCsv;
    QAction* quit;
    // Study
    QAction* addModels;
    QAction* removeModels;
    QAction* addDataset;
    QMenu* removeDatasetMenu;
    // Compute
    QAction* evaluate;
    QAction* computeAll;
    QAction* computeSelected;
    QAction* cancelJob;
    QAction* batchSize;
    QAction* memoryBudget;
    QActionGroup* precisionGroup; // actions carry "fp32", "bf16", "fp16" or "" (automatic)
    // View
    QMenu* viewMenu;
    QAction* resetLayout;
    // Help
    QAction* openDemo;
    QAction* about;

    // Enables what makes sense: a study open, a job running, models selected.
    void updateState(bool open, bool busy, int selectedModels);
    // The diagnostic datasets offered by Study ▸ Remove Dataset.
    void setDiagnostics(const QStringList& names);

signals:
    void openRecent(const QString& path);
    void removeDataset(const QString& name);

private:
    void rebuildRecent();

    Settings* m_settings;
};

} // namespace bs::ui
