#include "app/gui/main_window.h"

#include "app/gui/connectivity_panel.h"
#include "app/gui/dataset_form.h"
#include "app/gui/demo_runner.h"
#include "app/gui/export_dialog.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/job_controller.h"
#include "app/gui/job_status_widget.h"
#include "app/gui/main_actions.h"
#include "app/gui/model_folder_list.h"
#include "app/gui/models_panel.h"
#include "app/gui/new_study_wizard.h"
#include "app/gui/notice_bar.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"
#include "app/gui/study_job_runner.h"
#include "app/gui/study_loader.h"
#include "app/gui/study_views.h"
#include "core/common/memory_budget.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace bs::ui {

namespace {

QString builtInJobTitle(JobKind kind) {
    switch (kind) {
    case JobKind::CreateStudy:
        return MainWindow::tr("Creating study");
    case JobKind::EditStudy:
        return MainWindow::tr("Updating study");
    case JobKind::Evaluate:
        return MainWindow::tr("Evaluating models");
    case JobKind::Curves:
        return MainWindow::tr("Computing curves");
    default:
        break;
    }
    return MainWindow::tr("Computing");
}

std::vector<NamedPair> pairsAmong(const Study& study, const std::vector<int64_t>& models) {
    std::vector<NamedPair> pairs;
    for (size_t a = 0; a < models.size(); ++a)
        for (size_t b = a + 1; b < models.size(); ++b)
            pairs.emplace_back(study.models[size_t(models[a])].name,
                               study.models[size_t(models[b])].name);
    return pairs;
}

} // namespace

MainWindow::MainWindow(Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_document(new StudyDocument(this))
    , m_jobs(new JobController(this))
    , m_demo(new DemoRunner(this)) {
    if (!m_settings) {
        m_ownedSettings = std::make_unique<Settings>();
        m_settings = m_ownedSettings.get();
    }
    setObjectName(QStringLiteral("MainWindow"));
    buildLayout();
    m_actions = new MainActions(this, m_settings);
    connectActions();
    connectJobs();
    // After connectJobs: the runner's handles end after the document took the saved study.
    m_runner = new StudyJobRunner(
        m_jobs,
        [this](JobKind kind, const QString& title, StudyJobBody body) {
            return runStudyJob(kind, title, std::move(body));
        },
        this);
    addAnalysisPanels();
    connect(m_document, &StudyDocument::studyReset, this, [this] {
        QStringList diagnostics;
        for (const DatasetEntry& d : m_document->study().datasets)
            if (d.role == DatasetRole::Diagnostic)
                diagnostics << QString::fromStdString(d.name);
        m_actions->setDiagnostics(diagnostics);
        updateState();
        updateTitle();
    });
    connect(qApp, &QApplication::focusChanged, this, [this] {
        const int view = focusedView();
        if (view >= 0)
            m_lastView = view;
    });
    restoreLayout();
    updateState();
    updateTitle();
}

MainWindow::~MainWindow() {
    delete m_jobs; // stops the worker thread before the document goes
    m_jobs = nullptr;
    // The panels die with the QWidget base, after this object's members.
    for (QWidget* panel : m_extraPanels)
        disconnect(panel, nullptr, this, nullptr);
}

void MainWindow::buildLayout() {
    m_connectivity = new ConnectivityPanel(m_document, m_settings, this);
    m_interpolation = new InterpolationPanel(m_document, m_settings, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("ViewSplitter"));
    m_splitter->addWidget(m_connectivity);
    m_splitter->addWidget(m_interpolation);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    // Analysis panels added later (addAnalysisPanel) become further tabs; with one tab the bar
    // stays hidden.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("AnalysisTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setAutoHide(true);
    m_tabs->addTab(m_splitter, tr("Connectivity"));
    m_notice = new NoticeBar(this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_notice);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_models = new ModelsPanel(m_document, this);
    m_modelsDock = new QDockWidget(tr("Models"), this);
    m_modelsDock->setObjectName(QStringLiteral("ModelsDock"));
    m_modelsDock->setWidget(m_models);
    m_modelsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                              QDockWidget::DockWidgetClosable);
    m_modelsDock->setTitleBarWidget(new QWidget(m_modelsDock)); // the panel has its own header
    addDockWidget(Qt::BottomDockWidgetArea, m_modelsDock);

    m_status = new JobStatusWidget(this);
    statusBar()->addPermanentWidget(m_status);
    connect(m_status, &JobStatusWidget::cancelRequested, this, &MainWindow::cancelJob);
    connect(m_connectivity, &ConnectivityPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_connectivity, &ConnectivityPanel::pairClicked, this, &MainWindow::onPairClicked);
    connect(m_models, &ModelsPanel::selectionChanged, this, &MainWindow::onModelSelection);
}

void MainWindow::connectActions() {
    MainActions* a = m_actions;
    connect(a->newStudy, &QAction::triggered, this, &MainWindow::newStudy);
    connect(a->open, &QAction::triggered, this, &MainWindow::openWithDialog);
    connect(a, &MainActions::openRecent, this, &MainWindow::openStudy);
    connect(a->reload, &QAction::triggered, this, &MainWindow::reload);
    connect(a->close, &QAction::triggered, this, &MainWindow::closeStudy);
    connect(a->exportView, &QAction::triggered, this,
            [this] { exportWithDialog(ExportFormat::Png); });
    connect(a->exportCsv, &QAction::triggered, this,
            [this] { exportWithDialog(ExportFormat::Csv); });
    connect(a->addModels, &QAction::triggered, this, &MainWindow::addModels);
    connect(a->removeModels, &QAction::triggered, this, &MainWindow::removeSelectedModels);
    connect(a->addDataset, &QAction::triggered, this, &MainWindow::addDataset);
    connect(a, &MainActions::removeDataset, this, &MainWindow::removeDataset);
    connect(a->evaluate, &QAction::triggered, this, &MainWindow::evaluateModels);
    connect(a->computeAll, &QAction::triggered, this, &MainWindow::computeAllCurves);
    connect(a->computeSelected, &QAction::triggered, this, &MainWindow::computeSelectedPairs);
    connect(a->cancelJob, &QAction::triggered, this, &MainWindow::cancelJob);
    connect(a->batchSize, &QAction::triggered, this, &MainWindow::chooseBatchSize);
    connect(a->memoryBudget, &QAction::triggered, this, &MainWindow::chooseMemoryBudget);
    for (QAction* action : a->precisionGroup->actions())
        action->setChecked(action->data().toString() == m_settings->precision());
    connect(a->precisionGroup, &QActionGroup::triggered, this,
            [this](QAction* action) { m_settings->setPrecision(action->data().toString()); });
    connect(a->openDemo, &QAction::triggered, this, &MainWindow::openDemoStudy);
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->resetLayout, &QAction::triggered, this, [this] {
        restoreState(m_defaultState);
        m_modelsDock->show();
        m_splitter->setSizes({1, 1});
    });
    a->viewMenu->insertAction(a->resetLayout, m_modelsDock->toggleViewAction());
    m_models->view()->addActions({a->computeSelected, a->removeModels});
    m_models->toolBar()->addAction(a->addModels);
}

void MainWindow::connectJobs() {
    // The status shows at once (the worker may still be finishing a cancelled job).
    connect(m_jobs, &JobController::busyChanged, this, [this](bool busy) {
        if (busy)
            m_status->start(jobTitle(m_jobs->currentKind()));
        updateState();
    });
    connect(m_jobs, &JobController::progress, m_status, &JobStatusWidget::setProgress);
    connect(m_jobs, &JobController::evalReady, m_document, &StudyDocument::applyEvaluation);
    connect(m_jobs, &JobController::pairReady, m_document, &StudyDocument::applyPair);
    connect(m_jobs, &JobController::jobFailed, this,
            [this](JobKind kind, const QString& text) { showError(jobTitle(kind), text); });
    connect(m_jobs, &JobController::jobFinished, this, &MainWindow::onJobFinished);

    connect(m_demo, &DemoRunner::progress, m_status, &JobStatusWidget::setProgress);
    connect(m_demo, &DemoRunner::finished, this, [this](const QString& path) {
        m_status->stop();
        updateState();
        openStudy(path);
    });
    connect(m_demo, &DemoRunner::failed, this, [this](const QString& message) {
        m_status->stop();
        updateState();
        showError(tr("Demo Study"), message);
    });
}

QString MainWindow::jobTitle(JobKind kind) const {
    // Jobs started through runStudyJob carry their own title (kept until the next job).
    return m_jobs->currentTitle().isEmpty() ? builtInJobTitle(kind) : m_jobs->currentTitle();
}

void MainWindow::restoreLayout() {
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    resize(std::min(1480, available.width() * 9 / 10), std::min(920, available.height() * 9 / 10));
    m_modelsDock->setMinimumHeight(120);
    resizeDocks({m_modelsDock}, {height() * 30 / 100}, Qt::Vertical);
    m_defaultState = saveState();
    if (!m_settings->windowGeometry().isEmpty())
        restoreGeometry(m_settings->windowGeometry());
    if (!m_settings->windowState().isEmpty())
        restoreState(m_settings->windowState());
    if (!m_settings->splitterState().isEmpty())
        m_splitter->restoreState(m_settings->splitterState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    m_jobs->cancel(); // whatever finished is already saved
    m_demo->cancel();
    event->accept();
}

void MainWindow::openStudy(const QString& path) {
    if (path.isEmpty())
        return;
    if (m_jobs->busy() && QFileInfo(path) != QFileInfo(m_jobPath))
        m_jobs->abandon();
    const bool busyOnThis = m_jobs->busy();
    if (!m_loader) {
        m_loader = new QFutureWatcher<LoadResult>(this);
        connect(m_loader, &QFutureWatcher<LoadResult>::finished, this,
                [this] { onLoaded(m_loader->result()); });
    }
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    // Our own job holds the lock of the file it computes; that is no news to the user.
    m_loadingPath = QFileInfo(path).absoluteFilePath();
    m_loader->setFuture(loadStudyAsync(m_loadingPath, !busyOnThis));
}

void MainWindow::onLoaded(const LoadResult& result) {
    if (result.path != m_loadingPath)
        return; // a later open replaced this one
    statusBar()->clearMessage();
    if (!result.study) {
        if (!QFileInfo::exists(result.path))
            m_settings->removeRecentFile(result.path);
        showError(tr("Open Study"), tr("Could not open %1.\n\n%2")
                                        .arg(QDir::toNativeSeparators(result.path), result.error));
        return;
    }
    m_document->open(*result.study, result.path);
    // Open on the strongest barrier, so that the curves panel shows something at once.
    const auto [i, j] = StudyViews::strongestPair(m_document->study());
    if (i >= 0) {
        onPairClicked(i, j);
        m_connectivity->setSelectedPair(i, j);
    }
    m_settings->addRecentFile(result.path);
    m_settings->setLastDirectory(QFileInfo(result.path).path());
    m_notice->showNotice(
        result.lockNotice.isEmpty()
            ? QString()
            : tr("%1.\nShown as last saved; File ▸ Reload shows newer results. Computing here "
                 "is possible once that process has finished.")
                  .arg(result.lockNotice));
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(result.path)), 5000);
    emit studyOpened(result.path);
}

void MainWindow::openWithDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Study"), m_settings->lastDirectory(),
                                     tr("BasinScope studies (*.h5);;All files (*)"));
    openStudy(path);
}

void MainWindow::reload() {
    if (m_document->isOpen())
        openStudy(m_document->path());
}

void MainWindow::closeStudy() {
    m_jobs->abandon();
    m_notice->showNotice(QString());
    m_document->close();
}

void MainWindow::newStudy() {
    NewStudyWizard wizard(m_settings->lastDirectory(), this);
    if (wizard.exec() == QDialog::Accepted)
        createStudy(wizard.request());
}

void MainWindow::createStudy(const NewStudyRequest& request) {
    m_jobs->abandon();
    m_createdPath = request.path;
    m_jobPath = request.path;
    m_computeAfterCreate = request.computeAfter;
    m_jobs->createStudy(request.path, request.options);
}

void MainWindow::evaluateModels() {
    if (!m_document->isOpen())
        return;
    m_jobPath = m_document->path();
    const ComputeSettings settings = computeSettings();
    m_jobs->evaluate(m_jobPath, {}, settings);
}

void MainWindow::computeAllCurves() {
    if (!m_document->isOpen())
        return;
    m_jobPath = m_document->path();
    const ComputeSettings settings = computeSettings();
    m_jobs->computeCurves(m_jobPath, {}, settings);
}

void MainWindow::computeSelectedPairs() {
    const std::vector<int64_t> models = m_models->selectedModels();
    if (!m_document->isOpen() || models.size() < 2)
        return;
    m_jobPath = m_document->path();
    const ComputeSettings settings = computeSettings();
    m_jobs->computeCurves(m_jobPath, pairsAmong(m_document->study(), models), settings);
}

void MainWindow::cancelJob() {
    if (m_demo->running()) {
        m_demo->cancel();
    } else if (m_jobs->busy()) {
        m_jobs->cancel();
    } else {
        return;
    }
    m_status->setCancelling();
}

void MainWindow::onJobFinished(JobKind kind, JobOutcome outcome, const StudySnapshot& study) {
    m_status->stop();
    if (kind == JobKind::CreateStudy) {
        if (outcome == JobOutcome::Completed && study) {
            m_document->open(*study, m_createdPath);
            m_settings->addRecentFile(m_createdPath);
            m_notice->showNotice(QString());
            emit studyOpened(m_createdPath);
            if (m_computeAfterCreate)
                computeAllCurves();
        }
        emit jobDone(kind, outcome);
        return;
    }
    if (QFileInfo(m_jobPath) == QFileInfo(m_document->path())) {
        if (study)
            m_document->replace(*study, kind);
        else if (outcome == JobOutcome::Failed)
            reload(); // the file holds what was saved before the failure
    }
    if (outcome == JobOutcome::Cancelled)
        statusBar()->showMessage(tr("Cancelled. Everything finished before is saved."), 8000);
    else if (outcome == JobOutcome::Completed)
        statusBar()->showMessage(tr("%1: done.").arg(jobTitle(kind)), 5000);
    emit jobDone(kind, outcome);
}

void MainWindow::onModelSelection(const std::vector<int64_t>& models) {
    updateState();
    if (models.size() < 2)
        return;
    // A handful of models at most: 8 models are already 28 curves.
    const std::vector<int64_t> shown(
        models.begin(), models.begin() + std::ptrdiff_t(std::min<size_t>(models.size(), 8)));
    std::vector<ModelPair> pairs;
    for (size_t a = 0; a < shown.size(); ++a)
        for (size_t b = a + 1; b < shown.size(); ++b)
            pairs.emplace_back(shown[a], shown[b]);
    m_interpolation->showPairs(pairs);
    if (models.size() == 2)
        m_connectivity->setSelectedPair(models[0], models[1]);
}

void MainWindow::onPairClicked(int64_t i, int64_t j) {
    m_interpolation->showPairs({{i, j}});
    {
        const QSignalBlocker block(m_models);
        m_models->selectModels({i, j});
    }
    updateState();
}

void MainWindow::chooseBatchSize() {
    bool ok = false;
    const int value = QInputDialog::getInt(
        this, tr("Batch Size"), tr("Examples per forward pass (lower it if memory runs out):"),
        m_settings->batchSize(), 1, 4096, 1, &ok);
    if (ok)
        m_settings->setBatchSize(value);
}

ComputeSettings MainWindow::computeSettings() const {
    ComputeSettings settings;
    settings.batchSize = m_settings->batchSize();
    settings.memoryBytes = int64_t(m_settings->memoryBudgetMiB()) * 1024 * 1024;
    settings.precision = m_settings->precision().toStdString();
    return settings;
}

void MainWindow::chooseMemoryBudget() {
    bool ok = false;
    const double defaultGiB = double(defaultMemoryBudget()) / double(1 << 30);
    const int value = QInputDialog::getInt(
        this, tr("Memory Budget"),
        tr("Memory in MiB for the models a computation keeps loaded; more models in memory "
           "means fewer reloads when computing all pairs.\n0 uses half of this computer's "
           "memory (%1 GiB).")
            .arg(defaultGiB, 0, 'f', 1),
        m_settings->memoryBudgetMiB(), 0, 16 * 1024 * 1024, 256, &ok);
    if (ok)
        m_settings->setMemoryBudgetMiB(value);
}

void MainWindow::openDemoStudy() {
    if (m_jobs->busy() || m_demo->running())
        return;
    if (QFileInfo::exists(DemoRunner::demoStudyPath())) {
        openStudy(DemoRunner::demoStudyPath());
        return;
    }
    m_status->start(tr("Building the demo study"));
    if (!m_demo->start())
        m_status->stop();
    updateState();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About BasinScope"),
        tr("<h3>BasinScope %1</h3><p>Explores the loss surface between fine-tuned models: "
           "linear interpolation curves, barrier and convexity-gap matrices, and the basins "
           "they reveal.</p><p>After Juneja et al., <i>Linear Connectivity Reveals "
           "Generalization Strategies</i> (ICLR 2023).</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::showError(const QString& title, const QString& message) {
    if (m_errorBox)
        m_errorBox->close();
    // Window-modal and opened without exec(): the event loop (and any job) keeps running.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBox = box;
    box->open();
    emit errorShown(message);
}

void MainWindow::updateState() {
    m_actions->updateState(m_document->isOpen(), m_jobs->busy() || m_demo->running(),
                           int(m_models->selectedModels().size()));
}

void MainWindow::updateTitle() {
    setWindowTitle(m_document->isOpen() ? tr("%1 — BasinScope").arg(m_document->displayName())
                                        : tr("BasinScope"));
    setWindowFilePath(m_document->path());
}

int MainWindow::addAnalysisPanel(QWidget* panel, const QString& title) {
    const int index = m_tabs->addTab(panel, title);
    if (auto* view = dynamic_cast<ExportableView*>(panel)) {
        m_extraViews.emplace_back(title, view);
        m_extraPanels.push_back(panel);
        // A panel deleted before the window leaves the export list (its tab goes by itself).
        connect(panel, &QObject::destroyed, this, [this](QObject* gone) {
            for (size_t k = 0; k < m_extraPanels.size(); ++k)
                if (m_extraPanels[k] == gone) {
                    m_extraPanels.erase(m_extraPanels.begin() + std::ptrdiff_t(k));
                    m_extraViews.erase(m_extraViews.begin() + std::ptrdiff_t(k));
                    return;
                }
        });
    }
    auto* show = new QAction(title, panel);
    connect(show, &QAction::triggered, this, [this, panel] { showAnalysisTab(panel); });
    m_actions->viewMenu->insertAction(m_actions->resetLayout, show);
    return index;
}

void MainWindow::showAnalysisTab(QWidget* panel) {
    const int index = panel ? m_tabs->indexOf(panel) : 0;
    m_tabs->setCurrentIndex(std::max(index, 0));
}

JobId MainWindow::runStudyJob(JobKind kind, const QString& title, StudyJobBody body) {
    if (!m_document->isOpen() || m_jobs->busy() || m_demo->running())
        return 0;
    m_jobPath = m_document->path();
    const ComputeSettings settings = computeSettings();
    return m_jobs->runStudyJob(kind, title, m_jobPath, std::move(body), settings);
}

} // namespace bs::ui
