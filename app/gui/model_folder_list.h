#pragma once
// ModelFolderList: a list of checkpoint folders or glob patterns with Add/Remove buttons.

#include <QStringList>
#include <QWidget>

class QListWidget;

namespace bs::ui {

class ModelFolderList : public QWidget {
    Q_OBJECT
public:
    explicit ModelFolderList(QWidget* parent = nullptr);
    QStringList entries() const;
    void addEntries(const QStringList& entries);
    QListWidget* list() const { return m_list; }

signals:
    void changed();

private:
    void addFolder();
    void addPattern();

    QListWidget* m_list;
};

// A dialog around a ModelFolderList (Study ▸ Add Models…).
QStringList askModelFolders(QWidget* parent);

} // namespace bs::ui
