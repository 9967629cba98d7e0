#pragma once
// ExportDialog: File ▸ Export View… — which view, format, size, DPI and file.

#include "widgets/view_exporter.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bs::ui {

class ExportableView;
class Settings;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    struct Entry {
        QString title;
        ExportableView* view;
    };
    ExportDialog(std::vector<Entry> views, int current, ExportFormat format, Settings* settings,
                 const QString& baseName, QWidget* parent = nullptr);

    // Writes the file; stays open with the reason when that fails.
    void accept() override;
    QString writtenPath() const { return m_written; }

private:
    void updateSuffix();
    void updateSizeHint();

    std::vector<Entry> m_views;
    Settings* m_settings;
    QString m_baseName;
    QComboBox* m_view;
    QComboBox* m_format;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
    QLabel* m_physical;
    QLineEdit* m_path;
    QLabel* m_error;
    QString m_written;
};

} // namespace bs::ui
