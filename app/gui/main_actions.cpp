#include "app/gui/main_actions.h"

#include "app/gui/settings.h"

#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace bs::ui {

MainActions::MainActions(QMainWindow* window, Settings* settings)
    : QObject(window)
    , m_settings(settings) {
    QMenu* file = window->menuBar()->addMenu(tr("&File"));
    newStudy = file->addAction(tr("&New Study…"));
    newStudy->setShortcut(QKeySequence::New);
    newStudy->setStatusTip(tr("Create a study from checkpoint folders and datasets"));
    open = file->addAction(tr("&Open…"));
    open->setShortcut(QKeySequence::Open);
    recentMenu = file->addMenu(tr("Open &Recent"));
    reload = file->addAction(tr("Re&load"));
    reload->setShortcut(QKeySequence::Refresh);
    reload->setStatusTip(tr("Read the study file again (e.g. after basinscope-cli added results)"));
    close = file->addAction(tr("&Close"));
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    exportView = file->addAction(tr("&Export View…"));
    exportView->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportView->setStatusTip(tr("Save a view as PNG, SVG or PDF at a chosen size and DPI"));
    exportCsv = file->addAction(tr("Export &Data as CSV…"));
    file->addSeparator();
    quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, window, &QMainWindow::close);

    QMenu* study = window->menuBar()->addMenu(tr("&Study"));
    addModels = study->addAction(tr("Add &Models…"));
    removeModels = study->addAction(tr("&Remove Selected Models"));
    study->addSeparator();
    addDataset = study->addAction(tr("Add &Diagnostic Dataset…"));
    removeDatasetMenu = study->addMenu(tr("Remove D&ataset"));

    QMenu* compute = window->menuBar()->addMenu(tr("&Compute"));
    evaluate = compute->addAction(tr("&Evaluate Models"));
    evaluate->setStatusTip(tr("Loss and metrics of every model on every dataset"));
    computeAll = compute->addAction(tr("Compute &All Curves"));
    computeAll->setShortcut(QKeySequence(tr("Ctrl+R")));
    computeAll->setStatusTip(tr("Interpolation curves of every pair (resumes where it stopped)"));
    computeSelected = compute->addAction(tr("Compute &Selected Pairs"));
    computeSelected->setStatusTip(tr("Curves of the pairs among the models selected in the table"));
    compute->addSeparator();
    cancelJob = compute->addAction(tr("&Cancel Job"));
    cancelJob->setShortcut(QKeySequence(Qt::Key_Escape));
    compute->addSeparator();
    batchSize = compute->addAction(tr("&Batch Size…"));
    memoryBudget = compute->addAction(tr("&Memory Budget…"));
    memoryBudget->setStatusTip(tr("Memory for the models kept loaded during a computation"));
    QMenu* precisionMenu = compute->addMenu(tr("&Precision"));
    precisionGroup = new QActionGroup(window);
    for (const auto& [id, text] :
         {std::pair{QString(), tr("Automatic (fp32 on a CPU, bf16 on a GPU)")},
          std::pair{QStringLiteral("fp32"), tr("fp32")},
          std::pair{QStringLiteral("bf16"), tr("bf16 (processors with bf16 instructions, GPUs)")},
          std::pair{QStringLiteral("fp16"), tr("fp16")}}) {
        QAction* action = precisionMenu->addAction(text);
        action->setCheckable(true);
        action->setData(id);
        precisionGroup->addAction(action);
    }

    viewMenu = window->menuBar()->addMenu(tr("&View"));
    resetLayout = viewMenu->addAction(tr("&Reset Layout"));

    QMenu* help = window->menuBar()->addMenu(tr("&Help"));
    openDemo = help->addAction(tr("Open &Demo Study"));
    openDemo->setStatusTip(tr("Build (once) and open a small demo study"));
    about = help->addAction(tr("&About BasinScope"));
    about->setMenuRole(QAction::AboutRole);

    connect(settings, &Settings::recentFilesChanged, this, &MainActions::rebuildRecent);
    rebuildRecent();
    setDiagnostics({});
}

void MainActions::rebuildRecent() {
    recentMenu->clear();
    const QStringList files = m_settings->recentFiles();
    for (int k = 0; k < files.size(); ++k) {
        const QString& path = files[k];
        QAction* action = recentMenu->addAction(
            tr("&%1 %2").arg(k + 1).arg(QFileInfo(path).fileName()) + QStringLiteral("  —  ") +
            QDir::toNativeSeparators(QFileInfo(path).path()));
        connect(action, &QAction::triggered, this, [this, path] { emit openRecent(path); });
    }
    if (!files.isEmpty()) {
        recentMenu->addSeparator();
        connect(recentMenu->addAction(tr("Clear List")), &QAction::triggered, m_settings,
                &Settings::clearRecentFiles);
    }
    recentMenu->setEnabled(!files.isEmpty());
}

void MainActions::setDiagnostics(const QStringList& names) {
    removeDatasetMenu->clear();
    for (const QString& name : names)
        connect(removeDatasetMenu->addAction(name), &QAction::triggered, this,
                [this, name] { emit removeDataset(name); });
    removeDatasetMenu->setEnabled(!names.isEmpty());
}

void MainActions::updateState(bool open, bool busy, int selectedModels) {
    const bool idle = open && !busy;
    reload->setEnabled(open && !busy);
    close->setEnabled(open);
    exportView->setEnabled(open);
    exportCsv->setEnabled(open);
    addModels->setEnabled(idle);
    removeModels->setEnabled(idle && selectedModels > 0);
    addDataset->setEnabled(idle);
    removeDatasetMenu->setEnabled(idle && !removeDatasetMenu->isEmpty());
    evaluate->setEnabled(idle);
    computeAll->setEnabled(idle);
    computeSelected->setEnabled(idle && selectedModels >= 2);
    cancelJob->setEnabled(busy);
    newStudy->setEnabled(!busy);
    openDemo->setEnabled(!busy);
}

} // namespace bs::ui
