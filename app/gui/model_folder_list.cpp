#include "app/gui/model_folder_list.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs::ui {

ModelFolderList::ModelFolderList(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this)) {
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setToolTip(tr("Each folder holds config.json and model.safetensors or "
                          "pytorch_model.bin (Hugging Face layout)"));
    auto* addFolder = new QPushButton(tr("Add &Folder…"), this);
    auto* addPattern = new QPushButton(tr("Add &Pattern…"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    addPattern->setToolTip(tr("A glob pattern such as /runs/mnli-seed*; matching folders are "
                              "found when the study is created"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(addFolder);
    buttons->addWidget(addPattern);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(addFolder, &QPushButton::clicked, this, &ModelFolderList::addFolder);
    connect(addPattern, &QPushButton::clicked, this, &ModelFolderList::addPattern);
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_list->selectedItems());
        emit changed();
    });
}

QStringList ModelFolderList::entries() const {
    QStringList result;
    for (int k = 0; k < m_list->count(); ++k)
        result << m_list->item(k)->text();
    return result;
}

void ModelFolderList::addEntries(const QStringList& entries) {
    for (const QString& entry : entries)
        if (!entry.isEmpty() && m_list->findItems(entry, Qt::MatchExactly).isEmpty())
            m_list->addItem(entry);
    emit changed();
}

void ModelFolderList::addFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Choose a Checkpoint Folder"));
    if (!folder.isEmpty())
        addEntries({folder});
}

void ModelFolderList::addPattern() {
    bool ok = false;
    const QString pattern = QInputDialog::getText(this, tr("Add Folders Matching a Pattern"),
                                                  tr("Glob pattern (e.g. /data/runs/mnli-seed*):"),
                                                  QLineEdit::Normal, QString(), &ok);
    if (ok && !pattern.trimmed().isEmpty())
        addEntries({pattern.trimmed()});
}

QStringList askModelFolders(QWidget* parent) {
    QDialog dialog(parent);
    dialog.setWindowTitle(QCoreApplication::translate("bs::ui::ModelFolderList", "Add Models"));
    auto* list = new ModelFolderList(&dialog);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(QCoreApplication::translate(
        "bs::ui::ModelFolderList",
        "Checkpoint folders to add (same architecture as the study's models):")));
    layout->addWidget(list);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    dialog.resize(560, 320);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return list->entries();
}

} // namespace bs::ui
