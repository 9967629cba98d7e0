#pragma once
// MainWindow: the study explorer (models table, connectivity map, interpolation curves, jobs).

#include "app/gui/compute_worker.h"
#include "app/gui/job_types.h"
#include "widgets/view_exporter.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <memory>

class QDockWidget;
class QSplitter;
class QTabWidget;
template <typename T> class QFutureWatcher;

namespace bs::ui {

class ConnectivityPanel;
class DemoRunner;
class InterpolationPanel;
class JobController;
class JobStatusWidget;
class MainActions;
class ModelsPanel;
class NoticeBar;
class Settings;
class StudyDocument;
class StudyJobRunner;
struct LoadResult;
struct NewStudyRequest;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Uses `settings` when given (tests), else the user's settings.
    explicit MainWindow(Settings* settings = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Reads the file off the GUI thread; `studyOpened` or an error message follows.
    void openStudy(const QString& path);
    // Creates (and by default computes) a study as the New Study wizard would.
    void createStudy(const NewStudyRequest& request);
    // Writes the view (0 connectivity, 1 interpolation, 2 models, then added panels that are
    // ExportableViews, in the order added) without a dialog.
    QString exportPanel(int view, const QString& path, const ExportOptions& options);

    // Extension point for analysis panels (planes, clusters, ...): adds `panel` as a tab next
    // to the connectivity/interpolation views, with a View menu entry that shows it. A panel
    // that is also an ExportableView joins File > Export View… and `exportPanel`. The window
    // takes ownership. Returns the tab index.
    int addAnalysisPanel(QWidget* panel, const QString& title);
    // How many views `exportPanel` and File > Export View… offer.
    int exportViewCount() const { return 3 + int(m_extraViews.size()); }
    // Shows the tab of an added panel (or index 0, the connectivity/interpolation views).
    void showAnalysisTab(QWidget* panel);
    // Runs a job of another kind on the open study (see JobController::runStudyJob); the
    // document is replaced by the study as the job saved it when it ends. 0 when none started
    // (no study open or a job running).
    JobId runStudyJob(JobKind kind, const QString& title, StudyJobBody body);

    StudyDocument* document() const { return m_document; }
    JobController* jobs() const { return m_jobs; }
    // What analysis panels start their jobs through.
    StudyJobRunner* runner() const { return m_runner; }
    Settings* settings() const { return m_settings; }
    MainActions* actions() const { return m_actions; }
    ModelsPanel* modelsPanel() const { return m_models; }
    ConnectivityPanel* connectivityPanel() const { return m_connectivity; }
    InterpolationPanel* interpolationPanel() const { return m_interpolation; }
    JobStatusWidget* jobStatus() const { return m_status; }
    NoticeBar* noticeBar() const { return m_notice; }
    // The message box of the last error, while it is open.
    QMessageBox* errorBox() const { return m_errorBox; }

public slots:
    void newStudy();
    void openWithDialog();
    void reload();
    void closeStudy();
    void evaluateModels();
    void computeAllCurves();
    void computeSelectedPairs();
    void cancelJob();
    void exportWithDialog(bs::ui::ExportFormat format);
    void openDemoStudy();

signals:
    void studyOpened(const QString& path);
    void errorShown(const QString& message);
    void jobDone(bs::ui::JobKind kind, bs::ui::JobOutcome outcome);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildLayout();
    void connectActions();
    void connectJobs();
    // Creates the analysis tabs and wires them to the views and the runner
    // (analysis_panels.cpp).
    void addAnalysisPanels();
    void onLoaded(const LoadResult& result);
    void onJobFinished(JobKind kind, JobOutcome outcome, const StudySnapshot& study);
    void onModelSelection(const std::vector<int64_t>& models);
    void onPairClicked(int64_t i, int64_t j);
    void addModels();
    void removeSelectedModels();
    void addDataset();
    void removeDataset(const QString& name);
    void startEdit(const StudyEdit& edit);
    void chooseBatchSize();
    void chooseMemoryBudget();
    ComputeSettings computeSettings() const;
    void showAbout();
    void showError(const QString& title, const QString& message);
    void updateState();
    void updateTitle();
    QString jobTitle(JobKind kind) const;
    void restoreLayout();
    int focusedView() const;

    Settings* m_settings;
    std::unique_ptr<Settings> m_ownedSettings;
    StudyDocument* m_document;
    JobController* m_jobs;
    StudyJobRunner* m_runner = nullptr;
    DemoRunner* m_demo;
    MainActions* m_actions = nullptr;
    ModelsPanel* m_models = nullptr;
    ConnectivityPanel* m_connectivity = nullptr;
    InterpolationPanel* m_interpolation = nullptr;
    JobStatusWidget* m_status = nullptr;
    NoticeBar* m_notice = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    // Export targets after the three built-in views (added analysis panels).
    std::vector<std::pair<QString, ExportableView*>> m_extraViews;
    std::vector<QWidget*> m_extraPanels;
    QDockWidget* m_modelsDock = nullptr;
    QFutureWatcher<LoadResult>* m_loader = nullptr;
    QPointer<QMessageBox> m_errorBox;
    QString m_loadingPath; // the file being opened (older loads are dropped)
    QString m_jobPath;     // the file the running job works on
    QString m_createdPath; // the file a CreateStudy job writes
    bool m_computeAfterCreate = false;
    int m_lastView = 0;
    QByteArray m_defaultState;
};

} // namespace bs::ui
