// MainWindow's exports: File > Export View… and the views it offers.

#include "app/gui/connectivity_panel.h"
#include "app/gui/export_dialog.h"
#include "app/gui/interpolation_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/models_panel.h"
#include "app/gui/settings.h"
#include "app/gui/study_document.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QStatusBar>

#include <algorithm>

namespace bs::ui {

int MainWindow::focusedView() const {
    const QWidget* focus = QApplication::focusWidget();
    if (!focus)
        return -1;
    if (m_connectivity->isAncestorOf(focus))
        return 0;
    if (m_interpolation->isAncestorOf(focus))
        return 1;
    if (m_models->isAncestorOf(focus))
        return 2;
    for (size_t k = 0; k < m_extraPanels.size(); ++k)
        if (m_extraPanels[k]->isAncestorOf(focus) || m_extraPanels[k] == focus)
            return 3 + int(k);
    return -1;
}

QString MainWindow::exportPanel(int view, const QString& path, const ExportOptions& options) {
    std::vector<ExportableView*> views = {m_connectivity, m_interpolation, m_models};
    for (const auto& [title, extra] : m_extraViews)
        views.push_back(extra);
    return exportView(*views[size_t(std::clamp(view, 0, int(views.size()) - 1))], path, options);
}

void MainWindow::exportWithDialog(ExportFormat format) {
    if (!m_document->isOpen())
        return;
    std::vector<ExportDialog::Entry> views = {{tr("Connectivity map"), m_connectivity},
                                              {tr("Interpolation curves"), m_interpolation},
                                              {tr("Models table"), m_models}};
    for (const auto& [title, extra] : m_extraViews)
        views.push_back({title, extra});
    ExportDialog dialog(std::move(views), m_lastView, format, m_settings,
                        QFileInfo(m_document->path()).completeBaseName(), this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(dialog.writtenPath())),
                                 8000);
}

} // namespace bs::ui
