// MainWindow's study edits: models and datasets added or removed through an edit job.

#include "app/gui/dataset_form.h"
#include "app/gui/job_controller.h"
#include "app/gui/main_window.h"
#include "app/gui/model_folder_list.h"
#include "app/gui/models_panel.h"
#include "app/gui/study_document.h"

#include <QMessageBox>

namespace bs::ui {

void MainWindow::addModels() {
    const QStringList folders = askModelFolders(this);
    if (folders.isEmpty())
        return;
    StudyEdit edit;
    for (const QString& folder : folders)
        edit.addModelFolders.push_back(folder.toStdString());
    startEdit(edit);
}

void MainWindow::removeSelectedModels() {
    const std::vector<int64_t> models = m_models->selectedModels();
    if (models.empty())
        return;
    QStringList names;
    StudyEdit edit;
    for (int64_t m : models) {
        edit.removeModels.push_back(m_document->study().models[size_t(m)].name);
        names << QString::fromStdString(edit.removeModels.back());
    }
    if (QMessageBox::question(this, tr("Remove Models"),
                              tr("Remove %1 from the study? Their curves are deleted from the "
                                 "file; the checkpoints are not touched.")
                                  .arg(names.join(QStringLiteral(", ")))) == QMessageBox::Yes)
        startEdit(edit);
}

void MainWindow::addDataset() {
    DatasetDialog dialog(DatasetRole::Diagnostic, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    StudyEdit edit;
    edit.addDatasets.push_back(dialog.spec());
    startEdit(edit);
}

void MainWindow::removeDataset(const QString& name) {
    if (QMessageBox::question(
            this, tr("Remove Dataset"),
            tr("Remove the dataset %1 and its curves from the study?").arg(name)) !=
        QMessageBox::Yes)
        return;
    StudyEdit edit;
    edit.removeDatasets.push_back(name.toStdString());
    startEdit(edit);
}

void MainWindow::startEdit(const StudyEdit& edit) {
    if (!m_document->isOpen())
        return;
    m_jobPath = m_document->path();
    m_jobs->editStudy(m_jobPath, edit);
}

} // namespace bs::ui
